/** Catalog entries for folders the loopback Hub serves, with sizes and digests computed from the files. */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CatalogFile, CatalogModel, Precision } from '../../../../src/models/common/catalog/catalogModel';
import { isLfsPath } from './loopbackHub';

export interface EntryOptions {
  id: string;
  folder: string;
  family?: CatalogModel['family'];
  files?: string[];
  precisions?: Partial<Record<Precision, string[]>>;
  /** Leave sizes and digests out, as for a model no reference confirmed. */
  unconfirmed?: boolean;
  revision?: string;
}

/** tiny-llama's layout: the files the engine reads, fp32 and q4 graphs. */
export function catalogEntryFor(options: EntryOptions): CatalogModel {
  const describe = (path: string): CatalogFile => (options.unconfirmed ? { path } : confirmedFile(options.folder, path));
  const files = options.files ?? ['config.json', 'generation_config.json', 'tokenizer.json', 'tokenizer_config.json'];
  const precisions = options.precisions ?? { fp32: ['onnx/model.onnx'], q4: ['onnx/model_q4.onnx'] };
  return {
    id: options.id,
    label: `Test ${options.id}`,
    summary: 'A generated test model.',
    repo: options.id,
    revision: options.revision ?? 'main',
    family: options.family ?? 'llama',
    reads: options.family === 'idefics3' ? ['text', 'image'] : ['text'],
    contextLength: 2048,
    contextLengthConfirmed: true,
    files: files.map(describe),
    precisions: Object.fromEntries(Object.entries(precisions).map(([precision, paths]) => [precision, paths.map(describe)])),
    provenance: 'Computed from a generated fixture.',
    origin: 'test',
  };
}

export function confirmedFile(folder: string, path: string): CatalogFile {
  const bytes = readFileSync(join(folder, path));
  return isLfsPath(path)
    ? { path, size: bytes.length, digest: { algorithm: 'sha256', value: createHash('sha256').update(bytes).digest('hex') } }
    : { path, size: bytes.length, digest: { algorithm: 'git-sha1', value: createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex') } };
}
