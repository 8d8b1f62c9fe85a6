/** The Hub's download URL for one file, as huggingface_hub builds it (HUB_API.md, "Resolve URL"). */

export const DEFAULT_HUB_ENDPOINT = 'https://huggingface.co';

/** `{endpoint}/{repo}/resolve/{revision}/{path}`: the revision is one URL segment (`refs/pr/1` →
 * `refs%2Fpr%2F1`), the path keeps its slashes. */
export function resolveUrl(endpoint: string, repo: string, revision: string, path: string): string {
  const base = endpoint.replace(/\/+$/, '');
  const encodedPath = path.split('/').map(encodeURIComponent).join('/');
  return `${base}/${repo}/resolve/${encodeURIComponent(revision)}/${encodedPath}`;
}

/** `owner/name`, as the Hub spells repository ids. */
export function isRepoId(value: string): boolean {
  return /^[A-Za-z0-9][\w.-]*\/[A-Za-z0-9][\w.-]*$/.test(value);
}
