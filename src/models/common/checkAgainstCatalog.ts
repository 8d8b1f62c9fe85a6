/**
 * Compares what the Hub says about a file with what the catalog knows, before a byte is
 * downloaded. Confirmed facts must match exactly; a rounded size from a Hub page must match
 * within its rounding; a file no one confirmed is accepted with the Hub's size and digest, which
 * the download then holds it to. A difference is an error, never a guess.
 */
import type { CatalogFile, FileDigest } from './catalog/catalogModel';
import type { HubFileFacts } from './hubFileFacts';
import { ModelsError } from './modelsError';

export interface ExpectedFile {
  path: string;
  size: number;
  digest: FileDigest;
}

/** Hub pages show sizes with three significant digits ("86.9 MB", "1.64 GB", "678 Bytes"), rounded. */
function withinRounding(size: number, shown: number): boolean {
  const halfUnit = 0.5 * 10 ** (Math.floor(Math.log10(shown)) - 2);
  return Math.abs(size - shown) <= Math.max(halfUnit, 0.5) + 1e-6 * shown;
}

export function checkAgainstCatalog(file: CatalogFile, hub: HubFileFacts, where: string): ExpectedFile {
  const mismatch = (what: string) =>
    new ModelsError('catalog-mismatch', `${file.path} in ${where} is not the file Inkwell's catalog describes: ${what}. Inkwell does not install it; the catalog needs an update.`, { file: file.path });
  if (!hub.digest) {
    throw new ModelsError('unverifiable', `The Hub gave no checksum for ${file.path} in ${where} (ETag "${hub.etag}"), so Inkwell cannot verify it and does not install it.`, { file: file.path });
  }
  if (file.size !== undefined && hub.size !== file.size) throw mismatch(`the Hub says ${hub.size} bytes, the catalog ${file.size}`);
  if (file.digest && (file.digest.algorithm !== hub.digest.algorithm || file.digest.value !== hub.digest.value)) {
    throw mismatch(`the Hub's ${hub.digest.algorithm} is ${hub.digest.value}, the catalog's ${file.digest.algorithm} is ${file.digest.value}`);
  }
  if (file.size === undefined && file.approximateSize !== undefined && !withinRounding(hub.size, file.approximateSize)) {
    throw mismatch(`the Hub says ${hub.size} bytes, the catalog about ${Math.round(file.approximateSize)}`);
  }
  return { path: file.path, size: hub.size, digest: hub.digest };
}
