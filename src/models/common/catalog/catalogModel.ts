/**
 * What Inkwell knows about a model it can download: where it lives on the Hub, which files each
 * precision needs, and how each file is checked. Facts that no reference confirmed are left out
 * (no size, no digest) rather than guessed; the download checks them against what the Hub says.
 */
import type { Dtype } from '../../../../webview/engine/api';

export type Precision = Dtype;
export type Modality = 'text' | 'image';

/**
 * How a file's bytes are checked. Large files live in Git LFS and the Hub's ETag for them is the
 * sha256 of the content (the LFS oid); small files live in git and their ETag is the blob sha1.
 */
export type FileDigest = { algorithm: 'sha256'; value: string } | { algorithm: 'git-sha1'; value: string };

export interface CatalogFile {
  /** Path inside the repository, `/`-separated. */
  path: string;
  /** Exact size in bytes, when confirmed. */
  size?: number;
  /** Exact content digest, when confirmed. */
  digest?: FileDigest;
  /** A Hub page's rounded size, when the exact one is unconfirmed: the first download checks it. */
  approximateSize?: number;
}

export interface CatalogModel {
  /** What `inkwell.model` holds; for Hub models the repository id. */
  id: string;
  label: string;
  /** One line for pickers: what the model is good at. */
  summary: string;
  repo: string;
  /** A full commit id when one is confirmed, otherwise a branch: the download pins the commit the Hub answers with. */
  revision: string;
  family: 'llama' | 'idefics3';
  reads: readonly Modality[];
  contextLength: number;
  /** Whether `contextLength` comes from a confirmed config.json. */
  contextLengthConfirmed: boolean;
  /** Files every precision needs (configs, tokenizer). */
  files: readonly CatalogFile[];
  /** The ONNX graphs of each precision the engine can run from this repository. */
  precisions: Partial<Record<Precision, readonly CatalogFile[]>>;
  /** Where the facts come from; for maintainers. */
  provenance: string;
  /** Entries added by `INKWELL_TEST_CATALOG` say so in the pickers. */
  origin?: 'built-in' | 'test';
}

export function availablePrecisions(model: CatalogModel): Precision[] {
  return (['q4', 'q4f16', 'fp16', 'fp32'] as const).filter((precision) => model.precisions[precision] !== undefined);
}

/** Every file one precision of the model consists of. */
export function filesFor(model: CatalogModel, precision: Precision): CatalogFile[] {
  const graphs = model.precisions[precision];
  if (!graphs) throw new Error(`${model.id} has no ${precision} precision`);
  return [...model.files, ...graphs];
}

/** Bytes one precision takes, exact when every size is confirmed; `exact` says which. */
export function downloadSize(model: CatalogModel, precision: Precision): { bytes: number; exact: boolean } | undefined {
  let bytes = 0;
  let exact = true;
  for (const file of filesFor(model, precision)) {
    const size = file.size ?? file.approximateSize;
    if (size === undefined) return undefined;
    bytes += size;
    exact &&= file.size !== undefined;
  }
  return { bytes, exact };
}
