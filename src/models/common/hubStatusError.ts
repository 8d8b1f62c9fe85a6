/** Turns a Hub response that is not the file into an error a user can act on. */
import { formatDuration } from './formatProgress';
import { ModelsError } from './modelsError';

export interface StatusContext {
  status: number;
  repo: string;
  revision: string;
  path: string;
  host: string;
  /** Whether the request carried a Hub token. */
  withToken: boolean;
  /** `Retry-After` in milliseconds, when the response had one. */
  retryAfterMs?: number;
  /** The Hub's `X-Error-Code` (`RepoNotFound`, `RevisionNotFound`, `EntryNotFound`, `GatedRepo`). */
  errorCode?: string;
}

export function hubStatusError(context: StatusContext): ModelsError {
  const { status, repo, revision, path, host } = context;
  const file = `${path} of ${repo}`;
  if (status === 401) {
    return new ModelsError(
      'unauthorized',
      context.withToken
        ? `${host} refused the Hub token for ${repo} (401). Set a valid token with "Inkwell: Set Hugging Face Token".`
        : `${host} wants a login for ${repo} (401): the model is gated or private. Set a Hugging Face token with "Inkwell: Set Hugging Face Token".`,
      { file: path },
    );
  }
  if (status === 403) {
    return new ModelsError(
      'forbidden',
      `${host} denied access to ${repo} (403). If the model is gated, accept its terms on its Hub page with the account your token belongs to.`,
      { file: path },
    );
  }
  if (status === 404) {
    const what =
      context.errorCode === 'RepoNotFound'
        ? `the repository ${repo} does not exist (or is private)`
        : context.errorCode === 'RevisionNotFound'
          ? `${repo} has no revision ${revision}`
          : `${repo} has no ${path} at revision ${revision}`;
    return new ModelsError('not-found', `${host} answered 404: ${what}. Inkwell's catalog may be out of date.`, { file: path });
  }
  if (status === 429) {
    const wait = context.retryAfterMs === undefined ? '' : ` Try again in ${formatDuration(context.retryAfterMs / 1000)}.`;
    return new ModelsError('rate-limited', `${host} is limiting downloads (429) and refused ${file}.${wait}`, { file: path, retryAfterMs: context.retryAfterMs });
  }
  if (status >= 500) {
    return new ModelsError('server-error', `${host} failed to serve ${file} (${status}). Try again later.`, { file: path });
  }
  return new ModelsError('server-error', `${host} answered ${status} for ${file}, which Inkwell does not expect.`, { file: path });
}
