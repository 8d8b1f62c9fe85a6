/**
 * Checks that a folder of the user's is a model the engine can run, before `inkwell.model`
 * points at it: the engine's own config reader decides the family (so the supported
 * architectures are the engine's list, not a copy), then every file that family needs is looked
 * for, and all missing ones are named at once.
 */
import { stat } from 'node:fs/promises';
import { nodeModelFiles } from '../../../webview/engine/adapters/node/nodeModelFiles';
import type { Dtype } from '../../../webview/engine/api';
import { EngineError } from '../../../webview/engine/errors';
import { readModelSpec, type ModelSpec } from '../../../webview/engine/model/modelSpec';
import { availableDtypes, DTYPE_SUFFIX, GRAPHS } from '../../../webview/engine/model/onnxFiles';
import { ModelsError } from '../common/modelsError';

export interface ModelFolder {
  folder: string;
  family: ModelSpec['family'];
  precisions: Dtype[];
  contextLength: number;
}

const NEEDED = {
  llama: ['config.json', 'tokenizer.json', 'tokenizer_config.json'],
  idefics3: ['config.json', 'tokenizer.json', 'tokenizer_config.json', 'preprocessor_config.json'],
} as const;

export async function validateModelFolder(folder: string): Promise<ModelFolder> {
  if (!(await stat(folder).then((info) => info.isDirectory(), () => false))) {
    throw new ModelsError('invalid-folder', `${folder} is not a folder.`);
  }
  const files = nodeModelFiles(folder);
  if (!(await files.exists('config.json'))) {
    const missing = await missingOf(files, NEEDED.llama);
    throw new ModelsError('invalid-folder', `${folder} is not a model folder: it has no ${missing.join(', ')}.`);
  }
  const spec = await readModelSpec(files).catch((error: unknown) => {
    if (error instanceof EngineError && error.code === 'unsupported-architecture') throw new ModelsError('unsupported-architecture', error.message);
    throw new ModelsError('invalid-folder', error instanceof Error ? error.message : String(error));
  });
  const graphs: Record<string, readonly string[]> = GRAPHS[spec.family];
  const precisions = await availableDtypes(files, graphs);
  const missing = await missingOf(files, NEEDED[spec.family]);
  if (precisions.length === 0) {
    const variants = Object.values(DTYPE_SUFFIX).filter(Boolean).join(', ');
    missing.push(...Object.values(graphs).map((names) => `${names.map((name) => `onnx/${name}.onnx`).join(' or ')} (or its ${variants} variant)`));
  }
  if (missing.length > 0) {
    throw new ModelsError('invalid-folder', `${folder} is not a complete ${spec.family} model folder: it has no ${missing.join(', ')}.`);
  }
  return { folder, family: spec.family, precisions, contextLength: spec.contextLength };
}

async function missingOf(files: ReturnType<typeof nodeModelFiles>, paths: readonly string[]): Promise<string[]> {
  const missing: string[] = [];
  for (const path of paths) if (!(await files.exists(path))) missing.push(path);
  return missing;
}
