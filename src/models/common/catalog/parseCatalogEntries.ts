/**
 * Catalog entries from JSON (the test seam `INKWELL_TEST_CATALOG`), checked field by field so a
 * malformed file is refused with the field it got wrong instead of failing later in a download.
 */
import { isRepoId } from '../hubUrls';
import type { CatalogFile, CatalogModel, Precision } from './catalogModel';

const PRECISIONS: readonly Precision[] = ['fp32', 'fp16', 'q4', 'q4f16'];

export function parseCatalogEntries(json: unknown, origin: NonNullable<CatalogModel['origin']>): CatalogModel[] {
  if (!Array.isArray(json)) throw new Error('a catalog is a JSON array of models');
  return json.map((entry: unknown, index) => parseModel(entry, `[${index}]`, origin));
}

function parseModel(value: unknown, at: string, origin: NonNullable<CatalogModel['origin']>): CatalogModel {
  const entry = record(value, at);
  const id = text(entry.id, `${at}.id`);
  const repo = text(entry.repo, `${at}.repo`);
  if (!isRepoId(id) || !isRepoId(repo)) throw new Error(`${at}: id and repo must be Hub repository ids (owner/name)`);
  const family = entry.family;
  if (family !== 'llama' && family !== 'idefics3') throw new Error(`${at}.family must be "llama" or "idefics3"`);
  const reads = list(entry.reads, `${at}.reads`).map((m, i) => {
    if (m !== 'text' && m !== 'image') throw new Error(`${at}.reads[${i}] must be "text" or "image"`);
    return m;
  });
  const precisionsRecord = record(entry.precisions, `${at}.precisions`);
  const precisions: CatalogModel['precisions'] = {};
  for (const [precision, files] of Object.entries(precisionsRecord)) {
    if (!PRECISIONS.includes(precision as Precision)) throw new Error(`${at}.precisions.${precision} is no precision the engine runs`);
    precisions[precision as Precision] = list(files, `${at}.precisions.${precision}`).map((f, i) => parseFile(f, `${at}.precisions.${precision}[${i}]`));
  }
  return {
    id,
    repo,
    label: text(entry.label, `${at}.label`),
    summary: typeof entry.summary === 'string' ? entry.summary : '',
    revision: text(entry.revision, `${at}.revision`),
    family,
    reads,
    contextLength: count(entry.contextLength, `${at}.contextLength`),
    contextLengthConfirmed: entry.contextLengthConfirmed === true,
    files: list(entry.files, `${at}.files`).map((f, i) => parseFile(f, `${at}.files[${i}]`)),
    precisions,
    provenance: typeof entry.provenance === 'string' ? entry.provenance : '',
    origin,
  };
}

function parseFile(value: unknown, at: string): CatalogFile {
  const entry = record(value, at);
  const file: CatalogFile = { path: text(entry.path, `${at}.path`) };
  if (entry.size !== undefined) file.size = count(entry.size, `${at}.size`);
  if (entry.approximateSize !== undefined) file.approximateSize = count(entry.approximateSize, `${at}.approximateSize`);
  if (entry.digest !== undefined) {
    const digest = record(entry.digest, `${at}.digest`);
    const value = text(digest.value, `${at}.digest.value`);
    if (digest.algorithm === 'sha256' && /^[0-9a-f]{64}$/.test(value)) file.digest = { algorithm: 'sha256', value };
    else if (digest.algorithm === 'git-sha1' && /^[0-9a-f]{40}$/.test(value)) file.digest = { algorithm: 'git-sha1', value };
    else throw new Error(`${at}.digest must be a sha256 or git-sha1 in lowercase hex`);
  }
  return file;
}

function record(value: unknown, at: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error(`${at} must be an object`);
  return value as Record<string, unknown>;
}

function list(value: unknown, at: string): unknown[] {
  if (!Array.isArray(value)) throw new Error(`${at} must be an array`);
  return value;
}

function text(value: unknown, at: string): string {
  if (typeof value !== 'string' || value === '') throw new Error(`${at} must be a non-empty string`);
  return value;
}

function count(value: unknown, at: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) throw new Error(`${at} must be a whole number`);
  return value;
}
