import type { ModelFiles } from '../api';
import { EngineError } from '../errors';

/** Reads a JSON file of the model folder; a missing or malformed file is named in the error. */
export async function readJsonFile<T>(files: ModelFiles, path: string): Promise<T> {
  if (!(await files.exists(path))) {
    throw new EngineError('missing-file', `The model folder ${files.location} has no ${path}.`);
  }
  const text = await files.readText(path);
  try {
    return JSON.parse(text) as T;
  } catch (cause) {
    throw new EngineError('invalid-model', `${path} in ${files.location} is not valid JSON.`, { cause });
  }
}

export async function readOptionalJsonFile<T>(files: ModelFiles, path: string): Promise<T | undefined> {
  return (await files.exists(path)) ? readJsonFile<T>(files, path) : undefined;
}
