/**
 * Times Inkwell's WebGPU decode steps run as they are against replayed from a capture
 * (replayedDecodeStep.ts), side by side on one bench model (SmolLM2-135M's shape, q4) with
 * GroupQueryAttention, through Dawn in Node: the same 16-token prompt, then the same greedy steps.
 * Per step: the wall time (logits read back), the time until `run()` resolves (what ORT spends on
 * the CPU dispatching a step, the GPU working behind it), and the bind groups, kernel dispatches
 * and queue submits it asked of WebGPU. `--submits` adds replayed modes whose command buffers reach
 * the GPU otherwise than the engine's one submit a step (submitPolicy.ts), and `--rounds` runs
 * every mode that many times, alternating, for a machine whose timings swing. Prints one JSON line
 * per mode and round, then a table; exits 2 when a mode disagrees with the first on an id or a
 * logit by more than 1e-3, 1 when Dawn finds no adapter or the device refuses to replay
 * (replayedStepWorks.ts).
 *
 *   npx tsx scripts/bench/replay/benchReplayedSteps.ts [--steps N] [--layers N] [--submits joined,ort,4] [--rounds N]
 *
 * Here, on SwiftShader: VK_ICD_FILENAMES=/usr/lib/chromium/vk_swiftshader_icd.json (its wall
 * times are its CPU computing every kernel; `run()` is the part a GPU would not change). The
 * prompt stays under 32 positions, where SwiftShader computes GroupQueryAttention right.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Ort } from '../../../webview/engine/api';
import { argmax } from '../../../webview/engine/generation/sampler';
import { DecoderRunner } from '../../../webview/engine/runtime/decoderRunner';
import { InPlaceGpuKvCache } from '../../../webview/engine/runtime/inPlaceGpuKvCache';
import { presentNames } from '../../../webview/engine/runtime/kvCacheNames';
import { REPLAYED_STEP_OPTIONS, ReplayedDecodeStep } from '../../../webview/engine/runtime/replayedDecodeStep';
import { prepareForWebGpu } from '../../../webview/engine/runtime/webgpuGraph/prepareForWebGpu';
import { replayedStepWorks } from '../../../webview/engine/runtime/webgpuGraph/replayedStepWorks';
import { benchModel } from '../benchModels';
import { median } from '../median';
import { dawnAdapterName } from '../node/dawnWebgpu';
import { webgpuOrt } from '../node/webgpuOrt';
import { countCalls } from '../protocol/countCalls';
import { countGpuDispatches, countGpuSubmits } from '../protocol/gpuDispatches';
import { installSessionProbe, type SessionProbe } from '../protocol/sessionTimer';
import { buffersPerSubmit, parseSubmitPolicy, submitPolicyName, type SubmitPolicy } from './submitPolicy';

interface Mode {
  name: string;
  /** Undefined for steps run as they are. */
  submits?: SubmitPolicy;
}

interface StepFigures {
  wallMs: number;
  runMs: number;
  bindGroups: number;
  dispatches: number;
  submits: number;
}

const PROMPT = Array.from({ length: 16 }, (_, i) => (i * 37 + 11) % 40_000);

/**
 * Counts what a step asks of WebGPU on Dawn's prototypes (globals once webgpuOrt() installed them):
 * kernel dispatches (gpuDispatches.ts, as the bench counts them), bind groups created and submits.
 */
function countStepCalls(): () => { bindGroups: number; dispatches: number; submits: number } {
  const globals = globalThis as unknown as {
    GPUDevice: { prototype: GPUDevice };
    GPUComputePassEncoder: { prototype: GPUComputePassEncoder };
    GPUQueue: { prototype: GPUQueue };
  };
  const dispatches = countGpuDispatches(globals.GPUComputePassEncoder)!;
  const bindGroups = countCalls(globals.GPUDevice.prototype, ['createBindGroup']).count;
  const submits = countGpuSubmits(globals.GPUQueue)!;
  return () => ({ bindGroups: bindGroups(), dispatches: dispatches(), submits: submits() });
}

async function decode(ort: Ort, bytes: Uint8Array, config: Record<string, number>, mode: Mode, steps: number, counts: ReturnType<typeof countStepCalls>, probe: SessionProbe) {
  const present = presentNames(config.num_hidden_layers!);
  const options = { executionProviders: ['webgpu'], preferredOutputLocation: Object.fromEntries([...present, 'logits'].map((n) => [n, 'gpu-buffer' as const])) };
  let started = performance.now();
  const session = await ort.InferenceSession.create(bytes, options);
  const sessionMs = [performance.now() - started];
  const headDim = config.head_dim ?? config.hidden_size! / config.num_attention_heads!;
  const cache = new InPlaceGpuKvCache(ort, { numLayers: config.num_hidden_layers!, numKeyValueHeads: config.num_key_value_heads!, headDim, dtype: 'float32' });
  const geometry = { vocab: config.vocab_size!, hidden: config.hidden_size!, contextLength: 1024 };
  started = performance.now();
  const replayedSession = mode.submits ? await ort.InferenceSession.create(bytes, REPLAYED_STEP_OPTIONS) : undefined;
  if (replayedSession) sessionMs.push(performance.now() - started);
  const replayed = replayedSession && (await ReplayedDecodeStep.create(ort, replayedSession, cache, geometry, buffersPerSubmit(mode.submits!)));
  const runner = new DecoderRunner(ort, session, cache, 'webgpu', { replayed });
  const ids = (values: number[]) => ({ name: 'input_ids' as const, tensor: new ort.Tensor('int64', BigInt64Array.from(values, BigInt), [1, values.length]) });
  let logits = (await runner.run(ids(PROMPT), PROMPT.length)) as Float32Array;
  const chosen = [argmax(logits)];
  const rows: Float32Array[] = [];
  const figures: StepFigures[] = [];
  for (let step = 0; step < steps; step++) {
    const before = counts();
    probe.reset();
    const start = performance.now();
    logits = (await runner.run(ids([chosen.at(-1)!]), 1)) as Float32Array;
    const wallMs = performance.now() - start;
    const after = counts();
    // Both sessions are the decoder graph to the probe: a step's runs, replayed or not (or both, the first).
    figures.push({
      wallMs,
      runMs: probe.totals().decoder?.ms ?? 0,
      bindGroups: after.bindGroups - before.bindGroups,
      dispatches: after.dispatches - before.dispatches,
      submits: after.submits - before.submits,
    });
    rows.push(logits);
    chosen.push(argmax(logits));
  }
  const replaying = runner.replaysSteps;
  await runner.dispose();
  cache.dispose();
  await session.release();
  return { chosen, rows, figures, replaying, sessionMs };
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: { steps: { type: 'string', default: '5' }, layers: { type: 'string' }, submits: { type: 'string', default: 'joined' }, rounds: { type: 'string', default: '1' } },
  });
  const steps = Number(values.steps);
  const modes: Mode[] = [
    { name: 'as is' },
    ...values.submits.split(',').map((text) => {
      const submits = parseSubmitPolicy(text);
      return { name: submits === 'joined' ? 'replayed' : `replayed, ${submitPolicyName(submits)}`, submits };
    }),
  ];
  const ort = await webgpuOrt();
  const adapter = await dawnAdapterName();
  const log = (line: string) => process.stderr.write(`${line}\n`);
  const dir = await benchModel('smollm2-135m', { vlmLongestEdge: 512, layers: values.layers ? Number(values.layers) : undefined }, log);
  const config = JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8')) as Record<string, number>;
  // GroupQueryAttention whatever the device check says of prompts: this one is short.
  const prepared = await prepareForWebGpu(new Uint8Array(readFileSync(join(dir, 'onnx', 'model_q4.onnx'))), async () => true);
  if (!prepared?.attention) throw new Error('the bench model did not take GroupQueryAttention');
  if (!(await replayedStepWorks(ort, prepared.attention))) {
    log(`benchReplayedSteps: ${adapter} does not replay a captured GroupQueryAttention step right (replayedStepWorks.ts)`);
    return 1;
  }
  const counts = countStepCalls();
  const probe = installSessionProbe(ort);
  const results: { mode: Mode; round: number; result: Awaited<ReturnType<typeof decode>> }[] = [];
  for (let round = 1; round <= Number(values.rounds); round++) {
    for (const mode of modes) results.push({ mode, round, result: await decode(ort, prepared.bytes, config, mode, steps, counts, probe) });
  }
  const first = results[0]!.result;
  const maxDifference = Math.max(...results.flatMap(({ result }) => result.rows.map((row, s) => row.reduce((m, v, i) => Math.max(m, Math.abs(v - first.rows[s]![i]!)), 0))));
  const sameIds = results.every(({ result }) => JSON.stringify(result.chosen) === JSON.stringify(first.chosen));
  const table: string[][] = [];
  for (const { mode, round, result } of results) {
    // The first step is the one a capture records (or the first of its kind): the rest are what a generation repeats.
    const later = result.figures.slice(1);
    const summary = {
      mode: mode.name,
      round,
      adapter,
      layers: config.num_hidden_layers,
      steps,
      medianWallMs: median(later.map((f) => f.wallMs)),
      medianRunMs: median(later.map((f) => f.runMs)),
      bindGroupsPerStep: median(later.map((f) => f.bindGroups)),
      dispatchesPerStep: median(later.map((f) => f.dispatches)),
      submitsPerStep: median(later.map((f) => f.submits)),
      firstStep: result.figures[0],
      stillReplaying: result.replaying,
      /** Creating the decoder session, and the replayed step's. */
      sessionMs: result.sessionMs,
      ids: result.chosen,
    };
    process.stdout.write(`${JSON.stringify(summary)}\n`);
    table.push([mode.name, String(round), summary.medianWallMs.toFixed(1), summary.medianRunMs.toFixed(1), String(summary.bindGroupsPerStep), String(summary.dispatchesPerStep), String(summary.submitsPerStep)]);
  }
  process.stdout.write(`${JSON.stringify({ sameIds, maxDifference })}\n`);
  const header = ['decode step', 'round', 'wall ms', 'run() ms', 'bind groups', 'dispatches', 'submits'];
  const widths = header.map((h, c) => Math.max(h.length, ...table.map((row) => row[c]!.length)));
  const line = (cells: string[]) => `| ${cells.map((cell, c) => cell.padEnd(widths[c]!)).join(' | ')} |`;
  process.stdout.write(`\n${adapter}, SmolLM2-135M shape q4 (${config.num_hidden_layers} layers), median of steps 2-${steps}; ids ${sameIds ? 'identical' : 'DIFFER'}, logits within ${maxDifference}\n`);
  process.stdout.write(`${[line(header), line(widths.map((w) => '-'.repeat(w))), ...table.map(line)].join('\n')}\n`);
  const allReplayed = results.every(({ mode, result }) => !mode.submits || result.replaying);
  return sameIds && maxDifference <= 1e-3 && allReplayed ? 0 : 2;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`benchReplayedSteps: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
