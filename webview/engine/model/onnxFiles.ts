import type { Dtype, ModelFiles } from '../api';
import { EngineError } from '../errors';

/** The file-name suffix of each precision in Hugging Face ONNX exports (transformers.js' mapping). */
export const DTYPE_SUFFIX: Record<Dtype, string> = { fp32: '', fp16: '_fp16', q4: '_q4', q4f16: '_q4f16' };

/** The ONNX graphs each family needs, by role. */
export const GRAPHS = {
  llama: { decoder: ['model', 'decoder_model_merged'] },
  idefics3: { visionEncoder: ['vision_encoder'], embedTokens: ['embed_tokens'], decoder: ['decoder_model_merged'] },
} as const;

/** Resolves `role → onnx/<name><suffix>.onnx`, naming every missing file and the precisions that exist. */
export async function resolveOnnxFiles<R extends string>(
  files: ModelFiles,
  graphs: Record<R, readonly string[]>,
  dtype: Dtype,
): Promise<Record<R, string>> {
  const suffix = DTYPE_SUFFIX[dtype];
  const resolved = {} as Record<R, string>;
  const missing: string[] = [];
  for (const [role, names] of Object.entries(graphs) as Array<[R, readonly string[]]>) {
    const candidates = names.map((name) => `onnx/${name}${suffix}.onnx`);
    const found = await firstExisting(files, candidates);
    if (found) resolved[role] = found;
    else missing.push(candidates.join(' or '));
  }
  if (missing.length > 0) {
    const available = await availableDtypes(files, graphs);
    throw new EngineError(
      'missing-file',
      `The model folder ${files.location} has no ${missing.join(', ')} for precision ${dtype}. ` +
        (available.length > 0 ? `Precisions it has: ${available.join(', ')}.` : 'It has no complete ONNX export.'),
    );
  }
  return resolved;
}

/** Precisions for which every graph exists. */
export async function availableDtypes(files: ModelFiles, graphs: Record<string, readonly string[]>): Promise<Dtype[]> {
  const result: Dtype[] = [];
  for (const dtype of Object.keys(DTYPE_SUFFIX) as Dtype[]) {
    let complete = true;
    for (const names of Object.values(graphs)) {
      if (!(await firstExisting(files, names.map((n) => `onnx/${n}${DTYPE_SUFFIX[dtype]}.onnx`)))) complete = false;
    }
    if (complete) result.push(dtype);
  }
  return result;
}

async function firstExisting(files: ModelFiles, paths: string[]): Promise<string | undefined> {
  for (const path of paths) if (await files.exists(path)) return path;
  return undefined;
}
