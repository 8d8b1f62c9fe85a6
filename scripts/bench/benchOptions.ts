/**
 * `npm run bench -- [options]`. The defaults finish in minutes on a small CPU-only machine; the
 * full matrix is `--backend all --model all --dtype q4,fp32 --contexts 128,1024,4096`.
 */
import { parseArgs } from 'node:util';
import { BENCH_MODEL_NAMES, type BenchModelName } from './benchModels';
import type { BackendName, BenchDtype } from './protocol/caseTypes';

const BACKENDS: BackendName[] = ['node-wasm', 'node-webgpu', 'chromium-wasm', 'chromium-webgpu'];

export interface BenchOptions {
  backends: BackendName[];
  models: BenchModelName[];
  dtypes: BenchDtype[];
  /** Contexts for the decode figures; undefined means each backend's default. */
  contexts?: number[];
  decodeTokens: number;
  runs: number;
  /** The VLM processor's first resize (SmolVLM-256M's own is 2048: 17 tiles for a 512x512 image). */
  vlmLongestEdge: number;
  /** Fewer layers than the real models, for per-step costs on slow backends (see benchModels.ts). */
  layers?: number;
  /** Print only the JSON summary. */
  json: boolean;
  /** Where the markdown report goes; undefined to skip it. */
  docsPath?: string;
  /** Also time onnxruntime-node in a worker with these thread counts (the CPU-fallback question). */
  ortNodeThreads: number[];
  /** Measure nothing: report runs saved in .cache/bench-results/ again, as one. */
  from?: string[];
}

export const USAGE = `npm run bench -- [--backend node-wasm|node-webgpu|chromium-wasm|chromium-webgpu|all[,...]]
  [--model smollm2-135m|smolvlm-256m|all[,...]] [--dtype q4|fp32|fp16|q4f16[,...]]
  [--contexts 128,1024,4096] [--tokens N] [--runs N] [--vlm-longest-edge 512|2048] [--layers N]
  [--ort-node-threads 1,2,4 | --ort-node-threads 0] [--no-docs | --docs PATH] [--json]
  [--from .cache/bench-results/RUN.json[,...]]   (report saved runs again, as one; measures nothing)

Defaults: --backend node-wasm --model all --dtype q4 --tokens 4 --runs 1, contexts 128 and 1024
for SmolLM2 and 128 for SmolVLM (whose headline figures are time to first token and image
encoding); WebGPU on SwiftShader (no GPU) is slow, so 128 only there. node-webgpu runs
onnxruntime-web's WebGPU build in Node on Dawn (the \`webgpu\` package), for GPU machines without a
browser; it needs a Vulkan driver (without a GPU: VK_ICD_FILENAMES=/usr/lib/chromium/vk_swiftshader_icd.json).`;

/** Contexts measured when --contexts is not given. */
export function defaultContexts(backend: BackendName, model: BenchModelName): number[] {
  return backend.endsWith('webgpu') || model === 'smolvlm-256m' ? [128] : [128, 1024];
}

export class UsageError extends Error {}

export function parseBenchOptions(argv: string[]): BenchOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      backend: { type: 'string', default: 'node-wasm' },
      model: { type: 'string', default: 'all' },
      dtype: { type: 'string', default: 'q4' },
      contexts: { type: 'string' },
      tokens: { type: 'string', default: '4' },
      runs: { type: 'string', default: '1' },
      'vlm-longest-edge': { type: 'string', default: '512' },
      layers: { type: 'string' },
      'ort-node-threads': { type: 'string', default: '1,2' },
      docs: { type: 'string', default: 'docs/benchmarks.md' },
      'no-docs': { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      from: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) throw new UsageError('');
  return {
    backends: listOf(values.backend, BACKENDS, 'backend'),
    models: listOf(values.model, BENCH_MODEL_NAMES, 'model'),
    dtypes: listOf(values.dtype, ['q4', 'fp32', 'fp16', 'q4f16'] as BenchDtype[], 'dtype'),
    contexts: values.contexts === undefined ? undefined : numbers(values.contexts, 'contexts'),
    decodeTokens: positive(values.tokens, 'tokens'),
    runs: positive(values.runs, 'runs'),
    vlmLongestEdge: positive(values['vlm-longest-edge'], 'vlm-longest-edge'),
    layers: values.layers === undefined ? undefined : positive(values.layers, 'layers'),
    json: values.json,
    docsPath: values['no-docs'] ? undefined : values.docs,
    ortNodeThreads: values['ort-node-threads'] === '0' ? [] : numbers(values['ort-node-threads'], 'ort-node-threads'),
    from: values.from?.split(','),
  };
}

function listOf<T extends string>(raw: string, known: readonly T[], name: string): T[] {
  if (raw === 'all') return [...known];
  const items = raw.split(',').map((s) => s.trim());
  const unknown = items.filter((item) => !known.includes(item as T));
  if (unknown.length > 0) throw new UsageError(`--${name}: unknown ${unknown.join(', ')}; known: ${known.join(', ')}, all`);
  return items as T[];
}

function numbers(raw: string, name: string): number[] {
  return raw.split(',').map((s) => positive(s, name));
}

function positive(raw: string, name: string): number {
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) throw new UsageError(`--${name}: expected a positive integer, got ${raw}`);
  return value;
}
