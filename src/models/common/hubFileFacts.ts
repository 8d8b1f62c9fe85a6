/**
 * What the Hub says about one file in the headers of a resolve response, read as huggingface_hub's
 * get_hf_file_metadata does (HUB_API.md): the commit, the ETag (the sha256 for LFS files, the git
 * blob sha1 otherwise), and the size. `X-Linked-*` headers describe the file behind a redirect.
 */
import type { FileDigest } from './catalog/catalogModel';

export interface HubFileFacts {
  commit: string;
  digest: FileDigest | undefined;
  /** The raw ETag, for messages when it is no digest we know. */
  etag: string;
  size: number;
}

export type HeaderReader = (name: string) => string | undefined;

/** Undefined when a required header is missing: such a server is no Hub (or a proxy mangled it). */
export function readHubFileFacts(status: number, header: HeaderReader): HubFileFacts | undefined {
  const commit = header('x-repo-commit');
  const etag = normalizeEtag(header('x-linked-etag') ?? header('etag'));
  const redirected = status >= 300 && status < 400;
  const sizeText = header('x-linked-size') ?? (redirected ? undefined : header('content-length'));
  const size = sizeText === undefined ? NaN : Number(sizeText);
  if (!commit || !etag || !Number.isSafeInteger(size) || size < 0) return undefined;
  return { commit, digest: digestFromEtag(etag), etag, size };
}

function normalizeEtag(etag: string | undefined): string | undefined {
  return etag?.replace(/^W\//, '').replace(/^"|"$/g, '') || undefined;
}

function digestFromEtag(etag: string): FileDigest | undefined {
  if (/^[0-9a-f]{64}$/.test(etag)) return { algorithm: 'sha256', value: etag };
  if (/^[0-9a-f]{40}$/.test(etag)) return { algorithm: 'git-sha1', value: etag };
  return undefined;
}
