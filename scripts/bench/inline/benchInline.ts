/**
 * `npm run bench:inline`: keystroke-to-suggestion latency of inline completions on a model of
 * SmolLM2-135M's shape, with the engine's KV-cache reuse and without it, side by side. Runs the
 * real completer (prompt window, stop rules) on the engine in Node: on onnxruntime-web's WASM, one
 * thread, as in a webview, or with `--runtime native` on onnxruntime-node with the engine worker's
 * threads, as the extension runs on machines without WebGPU; without the delay after a keystroke
 * (that is a setting, added as it is). Each mode first reads the note once (opening the document;
 * not measured). "Without" then empties the engine's cache before each keystroke, outside the
 * measured time, with a prompt that shares no token with the note.
 *
 * Options: --keystrokes N (default 16), --by character|word, --dtype fp32|q4 (default fp32),
 * --max-length N (suggestion cap in characters, default 40), --runtime wasm|native (default wasm).
 */
import { cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { loadModel } from '../../../webview/engine';
import { nodeModelFiles } from '../../../webview/engine/adapters/node/nodeModelFiles';
import type { LoadedModel, Ort } from '../../../webview/engine/api';
import { engineWorkerThreads } from '../../../src/engineHost/node/engineWorkerThreads';
import { CancellationSource } from '../../../src/inline/common/cancellation';
import { percentile } from '../../../src/inline/common/completionStats';
import { InlineCompleter } from '../../../src/inline/common/inlineCompleter';
import { DEFAULT_INLINE_SETTINGS } from '../../../src/inline/common/inlineSettings';
import { engineProvider, type EngineRun } from './engineProvider';
import { realShapeModel, SMOLLM2_135M_SHAPE } from './realShapeModel';
import { keystrokes, type Granularity } from './typingSession';

const { values: options } = parseArgs({
  options: {
    keystrokes: { type: 'string', default: '16' },
    by: { type: 'string', default: 'character' },
    dtype: { type: 'string', default: 'fp32' },
    'max-length': { type: 'string', default: '40' },
    runtime: { type: 'string', default: 'wasm' },
  },
});

/**
 * The engine's runtime and the device it is asked for ('cpu' on onnxruntime-node, as the engine
 * worker asks). Imported on demand: onnxruntime-web and onnxruntime-node each register a 'cpu'
 * backend, and with both loaded the native sessions were measured running on wasm (nativeOrt.ts).
 */
async function runtime(name: string): Promise<{ ort: Ort; device: 'wasm' | 'cpu'; label: string }> {
  if (name === 'native') {
    const threads = engineWorkerThreads();
    const { nativeOrt } = await import('../../../webview/engine/adapters/node/nativeOrt');
    return { ort: nativeOrt(threads), device: 'cpu', label: `onnxruntime-node (${threads} thread${threads === 1 ? '' : 's'})` };
  }
  if (name !== 'wasm') throw new Error(`--runtime is wasm or native, not ${name}`);
  const { nodeOrt } = await import('../../../webview/engine/adapters/node/nodeOrt');
  return { ort: nodeOrt(), device: 'wasm', label: 'wasm (1 thread)' };
}

/** Shares no token with the note (which starts with `#`), so the next prompt runs cold. */
const CACHE_RESET_PROMPT = '0';

interface ModeResult {
  latencyMs: number[];
  prefillMs: number[];
  prefilledTokens: number[];
  promptTokens: number[];
  suggestions: string[];
  /** Keystrokes answered from the typing-through cache, without the engine. */
  cacheHits: number;
}

async function runMode(model: LoadedModel, opened: string, states: string[], reuse: boolean, maxLength: number): Promise<ModeResult> {
  const runs: EngineRun[] = [];
  const completer = new InlineCompleter({
    provider: engineProvider(model, runs),
    settings: () => ({ ...DEFAULT_INLINE_SETTINGS, maxLength }),
    snoozed: () => false,
    wait: async () => undefined,
    now: () => performance.now(),
    log: { debug: () => undefined },
  });
  const result: ModeResult = { latencyMs: [], prefillMs: [], prefilledTokens: [], promptTokens: [], suggestions: [], cacheHits: 0 };
  await model.generate({ rawPrompt: CACHE_RESET_PROMPT, maxNewTokens: 1 });
  await completer.complete({ documentKey: 'bench.md', languageId: 'markdown', before: opened, after: '', explicit: true }, new CancellationSource().token);
  for (const before of states) {
    if (!reuse) await model.generate({ rawPrompt: CACHE_RESET_PROMPT, maxNewTokens: 1 });
    const runsBefore = runs.length;
    const startedAt = performance.now();
    const outcome = await completer.complete(
      { documentKey: 'bench.md', languageId: 'markdown', before, after: '', explicit: true },
      new CancellationSource().token,
    );
    result.latencyMs.push(performance.now() - startedAt);
    if (outcome.kind === 'failed') throw outcome.error;
    result.suggestions.push(outcome.kind === 'suggestion' ? outcome.text : '');
    const run = runs[runsBefore];
    if (!run) {
      result.cacheHits++;
      continue;
    }
    if (!reuse && run.prefilledTokens !== run.promptTokens) throw new Error(`a cold run reused ${run.promptTokens - run.prefilledTokens} tokens`);
    result.prefillMs.push(run.prefillMs);
    result.prefilledTokens.push(run.prefilledTokens);
    result.promptTokens.push(run.promptTokens);
  }
  return result;
}

function summary(values: number[]) {
  if (values.length === 0) return { p50: 0, p95: 0, mean: 0 };
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  return { p50: round(percentile(values, 50)), p95: round(percentile(values, 95)), mean: round(mean) };
}

const round = (value: number) => Math.round(value * 10) / 10;

async function main(): Promise<void> {
  const count = Number(options.keystrokes);
  const granularity = options.by as Granularity;
  const dtype = options.dtype as 'fp32' | 'q4';
  const maxLength = Number(options['max-length']);
  const folder = await realShapeModel((line) => console.error(line));
  const { ort, device, label } = await runtime(options.runtime!);
  const model = await loadModel({ ort, files: nodeModelFiles(folder), device, dtype });
  const { opened, states } = keystrokes(granularity, count);
  try {
    const warm = await runMode(model, opened, states, true, maxLength);
    const cold = await runMode(model, opened, states, false, maxLength);
    const report = {
      model: { shape: SMOLLM2_135M_SHAPE, weights: 'random', device: label, dtype },
      // Other work on the machine slows both columns alike; the load says how much there was.
      machine: { cpus: cpus().length, loadAverage1m: round(loadavg()[0]!) },
      keystrokes: states.length,
      by: granularity,
      maxLength,
      withKvReuse: describe(warm),
      withoutKvReuse: describe(cold),
      sameSuggestions: warm.suggestions.every((text, i) => text === cold.suggestions[i]),
    };
    printTable(report);
    console.log(JSON.stringify(report));
  } finally {
    await model.dispose();
  }
}

function describe(mode: ModeResult) {
  return {
    keystrokeToSuggestionMs: summary(mode.latencyMs),
    prefillMs: summary(mode.prefillMs),
    prefilledTokens: summary(mode.prefilledTokens),
    promptTokens: summary(mode.promptTokens),
    cacheHits: mode.cacheHits,
  };
}

function printTable(report: {
  model: { device: string; dtype: string };
  withKvReuse: ReturnType<typeof describe>;
  withoutKvReuse: ReturnType<typeof describe>;
  keystrokes: number;
  by: string;
  sameSuggestions: boolean;
}): void {
  const { withKvReuse: warm, withoutKvReuse: cold } = report;
  const rows: Array<[string, string, string]> = [
    ['keystroke → suggestion p50 (ms)', `${warm.keystrokeToSuggestionMs.p50}`, `${cold.keystrokeToSuggestionMs.p50}`],
    ['keystroke → suggestion p95 (ms)', `${warm.keystrokeToSuggestionMs.p95}`, `${cold.keystrokeToSuggestionMs.p95}`],
    ['prefill p50 / p95 (ms)', `${warm.prefillMs.p50} / ${warm.prefillMs.p95}`, `${cold.prefillMs.p50} / ${cold.prefillMs.p95}`],
    ['tokens prefilled per keystroke (mean)', `${warm.prefilledTokens.mean}`, `${cold.prefilledTokens.mean}`],
    ['prompt tokens (mean)', `${warm.promptTokens.mean}`, `${cold.promptTokens.mean}`],
    ['answered from the typing-through cache', `${warm.cacheHits}`, `${cold.cacheHits}`],
  ];
  const widths = [0, 1, 2].map((c) => Math.max(...[['', 'with KV reuse', 'without'], ...rows].map((r) => r[c]!.length)));
  const line = (cells: string[]) => `| ${cells.map((cell, c) => cell.padEnd(widths[c]!)).join(' | ')} |`;
  console.log(`${report.model.device}, ${report.model.dtype}: ${report.keystrokes} keystrokes (by ${report.by}); same suggestions in both columns: ${report.sameSuggestions}`);
  console.log(line(['', 'with KV reuse', 'without']));
  console.log(line(widths.map((w) => '-'.repeat(w))));
  for (const row of rows) console.log(line(row));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
