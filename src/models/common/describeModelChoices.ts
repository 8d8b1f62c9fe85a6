/**
 * The rows of "Inkwell: Select Model": catalog models (downloaded or not, with size, what they
 * read and their context), the bundled test models, the current model folder, and a way to pick
 * another folder. Pure, so the wording is testable.
 */
import { downloadSize, type CatalogModel, type Precision } from './catalog/catalogModel';
import { choosePrecision } from './choosePrecision';
import { formatBytes } from './formatProgress';
import type { DtypeSetting } from '../../../webview/protocol/engineProtocol';

export interface InstalledSummary {
  precisions: readonly Precision[];
  diskBytes: number;
}

export interface ModelChoiceInput {
  catalog: readonly CatalogModel[];
  installed: ReadonlyMap<string, InstalledSummary>;
  /** `inkwell.model` now. */
  current: string;
  /** Bundled models, as `demo:<name>`. */
  demos: readonly string[];
  dtype: DtypeSetting;
}

interface Row {
  label: string;
  description?: string;
  detail?: string;
}

export type ModelChoice =
  | { kind: 'separator'; label: string }
  | (Row & { kind: 'catalog'; model: CatalogModel })
  | (Row & { kind: 'setting'; value: string })
  | (Row & { kind: 'browse' });

export function describeModelChoices(input: ModelChoiceInput): ModelChoice[] {
  const current = (value: string) => (value === input.current ? ' · current' : '');
  const choices: ModelChoice[] = [{ kind: 'separator', label: 'Models to download from the Hugging Face Hub' }];
  for (const model of input.catalog) {
    const installed = input.installed.get(model.id);
    const precision = choosePrecision(model, input.dtype);
    choices.push({
      kind: 'catalog',
      model,
      label: `${installed ? '$(check)' : '$(cloud-download)'} ${model.label}`,
      description: `${readsText(model)} · ${contextText(model.contextLength)} context${model.origin === 'test' ? ' · test entry' : ''}${current(model.id)}`,
      detail: installed
        ? `Downloaded (${installed.precisions.join(', ')}), ${formatBytes(installed.diskBytes)} on disk. ${model.summary}`
        : `Not downloaded: ${sizeText(model, precision)} (${precision}). ${model.summary}`,
    });
  }
  choices.push({ kind: 'separator', label: 'On this machine' });
  for (const demo of input.demos) {
    choices.push({ kind: 'setting', value: demo, label: `$(beaker) ${demo.slice('demo:'.length)}`, description: `bundled test model${current(demo)}` });
  }
  if (isFolderPath(input.current)) {
    choices.push({ kind: 'setting', value: input.current, label: `$(folder) ${lastSegment(input.current)}`, description: `model folder · current`, detail: input.current });
  }
  choices.push({ kind: 'browse', label: '$(folder-opened) Use a Model Folder…', detail: 'A folder with config.json, the tokenizer files and onnx/ (Hugging Face ONNX layout).' });
  return choices;
}

export function readsText(model: CatalogModel): string {
  return model.reads.includes('image') ? 'text and images' : 'text';
}

/** 8192 → "8K", 32768 → "32K". */
function contextText(tokens: number): string {
  return tokens >= 1024 ? `${Math.round(tokens / 1024)}K` : String(tokens);
}

export function sizeText(model: CatalogModel, precision: Precision): string {
  const size = downloadSize(model, precision);
  if (!size) return 'size known when the download starts';
  return `${size.exact ? '' : 'about '}${formatBytes(size.bytes)}`;
}

function isFolderPath(value: string): boolean {
  return value.startsWith('/') || value.startsWith('~') || /^[A-Za-z]:[\\/]/.test(value) || value.startsWith('\\\\');
}

function lastSegment(path: string): string {
  return path.replace(/[\\/]+$/, '').split(/[\\/]/).pop() || path;
}
