/**
 * `npm run bench`: Inkwell and transformers.js side by side on the same ONNX files, the same
 * onnxruntime-web build, backend and thread count. Prints a table and a JSON summary, writes
 * docs/benchmarks.md (and its chart), and keeps the full run in .cache/bench-results/.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { longestRightRun, type AttentionShape } from '../../webview/engine/runtime/webgpuGraph/groupQueryAttentionWorks';
import { replayedStepWorks } from '../../webview/engine/runtime/webgpuGraph/replayedStepWorks';
import { benchModel, benchModelLabel, type BenchModelName } from './benchModels';
import { defaultContexts, parseBenchOptions, USAGE, UsageError, type BenchOptions } from './benchOptions';
import { benchImage, contextPrompts, followUpTexts, ttftPromptText } from './benchPrompts';
import { boundKey, mergeRuns, type BenchRun, type CaseResult } from './benchResults';
import { summarize } from './benchSummary';
import { measureCpuReadBandwidth } from './bound/cpuBandwidth';
import { measureGpuReadBandwidth } from './bound/gpuBandwidth';
import { kvBytesPerToken, weightBytesPerToken } from './bound/weightBytes';
import { chromiumGpuBandwidth, runChromiumCase } from './chromium/runChromiumCase';
import { dawnAdapterName } from './node/dawnWebgpu';
import { webgpuOrt } from './node/webgpuOrt';
import { machineInfo } from './machineInfo';
import type { NodeMemory } from './node/nodeCase';
import { runNodeCase } from './node/runNodeCases';
import type { BackendName, BenchDtype, CaseSpec, EngineName } from './protocol/caseTypes';
import { writeMarkdownReport } from './report/markdownReport';
import { caseTable, renderText, summaryTable } from './report/tables';

const root = join(import.meta.dirname, '..', '..');
const SUFFIX: Record<BenchDtype, string> = { fp32: '', q4: '_q4', fp16: '_fp16', q4f16: '_q4f16' };
const log = (line: string) => process.stderr.write(`bench: ${line}\n`);

async function main(options: BenchOptions): Promise<void> {
  if (options.from) {
    const runs = options.from.map((path) => JSON.parse(readFileSync(path, 'utf8')) as BenchRun);
    return report(mergeRuns(runs), options, false);
  }
  const started = Date.now();
  const run: BenchRun = {
    startedAt: new Date(started).toISOString(),
    durationSeconds: 0,
    command: `npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`,
    machine: machineInfo(loadavg()[0]),
    bound: { cpuReadBytesPerSecond: measureCpuReadBandwidth(), models: {} },
    cases: [],
  };
  if (options.backends.some((b) => b.startsWith('chromium'))) run.machine.chromium = chromiumVersion();
  if (options.backends.includes('node-webgpu')) {
    run.machine.gpuAdapter = (await dawnAdapterName()) ?? 'none';
    run.bound.gpuReadBytesPerSecond = await measureGpuReadBandwidth();
  }
  if (options.backends.includes('chromium-webgpu')) {
    const gpu = await chromiumGpuBandwidth();
    run.bound.gpuReadBytesPerSecond = gpu.bytesPerSecond;
    run.machine.gpuAdapter = gpu.adapter ?? 'none';
  }
  for (const model of options.models) await benchOneModel(run, options, model);
  run.durationSeconds = (Date.now() - started) / 1000;
  run.machine.loadAverage[1] = loadavg()[0];
  report(run, options);
}

async function benchOneModel(run: BenchRun, options: BenchOptions, model: BenchModelName): Promise<void> {
  const shape = { vlmLongestEdge: options.vlmLongestEdge, layers: options.layers };
  const dir = await benchModel(model, shape, log);
  const label = benchModelLabel(model, shape);
  const config = JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8'));
  const family = config.model_type === 'idefics3' ? 'idefics3' : 'llama';
  const text = family === 'idefics3' ? config.text_config : config;
  const attention = {
    numHeads: text.num_attention_heads,
    kvHeads: text.num_key_value_heads,
    headDim: text.head_dim ?? text.hidden_size / text.num_attention_heads,
  };
  const decoderFile = family === 'idefics3' ? 'decoder_model_merged' : 'model';
  const { followUp, edited } = await followUpTexts(dir);
  const ttftPrompt = { text: await ttftPromptText(dir, family === 'idefics3'), image: family === 'idefics3' ? benchImage(512) : undefined };
  for (const dtype of options.dtypes) {
    const decoderPath = join(dir, 'onnx', `${decoderFile}${SUFFIX[dtype]}.onnx`);
    if (!existsSync(decoderPath)) {
      log(`skipping ${model} ${dtype}: the generated model has no ${dtype} files (the fixture generator writes fp16 and q4f16 for the text model only)`);
      continue;
    }
    const half = dtype === 'fp16' || dtype === 'q4f16';
    if (options.backends.includes('node-webgpu')) await checkGroupQueryAttention(run, { ...attention, dtype: half ? 'float16' : 'float32' });
    run.bound.models[boundKey(label, dtype)] = {
      weightBytes: weightBytesPerToken(decoderPath),
      kvBytesPerContextToken: kvBytesPerToken(
        { layers: text.num_hidden_layers, kvHeads: attention.kvHeads, headDim: attention.headDim },
        1,
        half ? 2 : 4,
      ),
    };
    for (const backend of options.backends) {
      const contexts = await contextPrompts(dir, options.contexts ?? defaultContexts(backend, model));
      const engines: Array<{ engine: EngineName; threads?: number }> = [{ engine: 'inkwell' }, { engine: 'transformers.js' }];
      if (backend === 'node-wasm') engines.push(...options.ortNodeThreads.map((threads) => ({ engine: 'inkwell-ort-node' as const, threads })));
      for (const { engine, threads } of engines) {
        const spec: CaseSpec = {
          engine,
          model,
          label,
          family,
          modelLocation: dir,
          dtype,
          device: backend.endsWith('webgpu') ? 'webgpu' : 'wasm',
          contexts,
          decodeTokens: options.decodeTokens,
          ttftPrompt,
          followUpText: followUp,
          editedFollowUpText: edited,
          ortNodeThreads: threads,
        };
        run.cases.push(await runOneCase(backend, spec, options.runs));
      }
    }
  }
}

/**
 * Records on which runs this adapter computes GroupQueryAttention right at the model's head shape
 * (Inkwell then uses it, on short runs in chunks), and if on any whether it replays a captured
 * decode step of it right (Inkwell then replays its decode steps: replayedDecodeStep.ts).
 */
async function checkGroupQueryAttention(run: BenchRun, shape: AttentionShape) {
  const key = `${shape.numHeads}/${shape.kvHeads}/${shape.headDim}${shape.dtype === 'float16' ? ' float16' : ''}`;
  if (run.machine.groupQueryAttention?.[key] !== undefined) return;
  const ort = await webgpuOrt();
  const longestRun = await longestRightRun(ort, 'webgpu', shape);
  (run.machine.groupQueryAttention ??= {})[key] = longestRun === Infinity ? 'any' : longestRun;
  if (longestRun > 0) (run.machine.replayedSteps ??= {})[key] = await replayedStepWorks(ort, shape);
}

function nodeMemory(memory: NodeMemory): Record<string, number> {
  const labelled: Record<string, number> = { 'peak RSS': memory.peakRssBytes, 'peak arrayBuffers': memory.peakArrayBuffersBytes };
  if (memory.peakGpuBufferBytes !== undefined) labelled['peak GPU buffers'] = memory.peakGpuBufferBytes;
  return labelled;
}

async function runOneCase(backend: BackendName, spec: CaseSpec, runs: number): Promise<CaseResult> {
  const label = `${backend} ${spec.label} ${spec.dtype} ${spec.engine}${spec.ortNodeThreads ? ` (${spec.ortNodeThreads} threads)` : ''}`;
  log(`${label}: contexts ${spec.contexts.map((c) => c.context).join(', ')}, ${spec.decodeTokens} decode tokens`);
  const started = Date.now();
  const base = { backend, model: spec.label, dtype: spec.dtype, engine: spec.engine, ortNodeThreads: spec.ortNodeThreads };
  if (backend.startsWith('node')) {
    const reply = await runNodeCase({ spec, runs });
    log(`${label}: ${reply.ok ? 'done' : `FAILED ${reply.error}`} in ${((Date.now() - started) / 1000).toFixed(0)} s`);
    return reply.ok
      ? { ...base, figures: reply.figures, memory: nodeMemory(reply.memory) }
      : { ...base, error: reply.error, memory: {} };
  }
  const reply = await runChromiumCase(spec, runs);
  log(`${label}: ${reply.ok ? 'done' : `FAILED ${reply.error}`} in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  const memory: Record<string, number> = 'memory' in reply && reply.memory ? { 'renderer peak RSS': reply.memory.rendererPeakRssBytes, 'GPU process peak RSS': reply.memory.gpuProcessPeakRssBytes } : {};
  if (reply.ok && reply.peakGpuBufferBytes !== undefined) memory['peak GPU buffers'] = reply.peakGpuBufferBytes;
  return reply.ok ? { ...base, figures: reply.figures, memory } : { ...base, error: reply.error, memory };
}

function report(run: BenchRun, options: BenchOptions, save = true): void {
  const summary = summarize(run);
  if (save) {
    const resultsDir = join(root, '.cache', 'bench-results');
    mkdirSync(resultsDir, { recursive: true });
    writeFileSync(join(resultsDir, `${run.startedAt.replace(/[:.]/g, '-')}.json`), JSON.stringify(run, null, 2));
  }
  if (options.docsPath) writeMarkdownReport(run, resolve(root, options.docsPath));
  if (options.json) {
    process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
    return;
  }
  process.stdout.write(`${renderText(caseTable(run))}\n\n${renderText(summaryTable(summary))}\n\n${JSON.stringify(summary, null, 2)}\n`);
}

function chromiumVersion(): string | undefined {
  try {
    // Debian's wrapper script complains on stderr about the machine's memory size; only stdout counts.
    const options = { encoding: 'utf8' as const, stdio: ['ignore', 'pipe', 'ignore'] as ['ignore', 'pipe', 'ignore'] };
    return execFileSync(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', ['--version'], options).trim();
  } catch {
    return undefined;
  }
}

function parseOrExplain(argv: string[]): BenchOptions {
  try {
    return parseBenchOptions(argv);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`${message ? `${message}\n\n` : ''}${USAGE}\n`);
    process.exit(error instanceof UsageError && !message ? 0 : 2);
  }
}

main(parseOrExplain(process.argv.slice(2))).catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
