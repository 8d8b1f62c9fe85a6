/** Short constructors for catalog files, so each model entry reads as a table of facts. */
import type { CatalogFile } from './catalogModel';

/** A Git-LFS file whose size and sha256 (the LFS oid) are confirmed. */
export function lfsFile(path: string, size: number, sha256: string): CatalogFile {
  return { path, size, digest: { algorithm: 'sha256', value: sha256 } };
}

/** A file stored in git whose size and blob sha1 (the Hub's ETag) are confirmed. */
export function gitFile(path: string, size: number, sha1: string): CatalogFile {
  return { path, size, digest: { algorithm: 'git-sha1', value: sha1 } };
}

/** A file no reference confirmed: the first download takes its size and digest from the Hub and
 * checks them against `approximateSize` (a Hub page's rounded figure) when there is one. */
export function unconfirmedFile(path: string, approximateSize?: number): CatalogFile {
  return approximateSize === undefined ? { path } : { path, approximateSize: Math.round(approximateSize) };
}

export const kB = 1e3;
export const MB = 1e6;
export const GB = 1e9;
