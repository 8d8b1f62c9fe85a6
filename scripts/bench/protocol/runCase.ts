/**
 * The measurement protocol, the same for both engines and every backend: load, one short warm-up
 * generation (first-run allocations, WebGPU pipeline compilation), then for each context a prompt
 * of that many tokens followed by `decodeTokens` decode steps, then a follow-up chat turn on the
 * longest (its first token) and the same turn edited at its end, then a one-token generation with
 * the time-to-first-token prompt (with its image, for VLMs). Prefill ends where the first run
 * after the prefill's decoder run(s) that feeds a single position starts (a decode step, or a VLM's
 * embedding of its token), seen by the session probe, so both engines are cut at the same point
 * however many runs their prefill takes (Inkwell runs a long prompt on the CPU in chunks). `runs`
 * > 1 repeats each measurement, each as cold as the first, and keeps the median.
 */
import type { RawImage } from '../../../webview/engine/api';
import { median } from '../median';
import type { CaseFigures, CaseSpec, ContextFigures } from './caseTypes';
import type { EngineDriver } from './engineDriver';
import type { GraphRole, SessionProbe, SessionTotals } from './sessionTimer';

const WARM_UP_PROMPT = 'Warm up.';

/**
 * Wall time always; CPU time where the runner can read it (the Node process, Chromium's processes);
 * on WebGPU, the kernels dispatched and the submits made so far (gpuDispatches.ts).
 */
export interface Instant {
  wallMs: number;
  cpuMs?: number;
  /** Chromium's WebGPU only: the CPU time of the page's thread (cpuBinding.ts). */
  pageThreadCpuMs?: number;
  gpuDispatches?: number;
  gpuSubmits?: number;
}

/** Reads the clocks now; may resolve later (Chromium's CPU time is read by the Node side). */
export type Clock = () => Instant | Promise<Instant>;

interface Generation {
  ids: number[];
  text: string;
  promptTokens: number;
  start: Instant;
  firstToken: Instant;
  /** Where the page's thread is read (Chromium's WebGPU): the start of each decode step after the first. */
  laterSteps: Instant[];
  end: Instant;
  visionMs: number;
  /** Time inside session.run (all graphs) after the first token. */
  decodeSessionMs: number;
}

export async function runCase(
  spec: CaseSpec,
  runs: number,
  open: () => Promise<EngineDriver>,
  probe: SessionProbe,
  now: Clock,
): Promise<CaseFigures> {
  probe.reset();
  const loadStarted = performance.now();
  const driver = await open();
  const loadMs = performance.now() - loadStarted;
  const generate = (text: string, maxNewTokens: number, image?: RawImage) => timedGeneration(driver, probe, now, { text, image }, maxNewTokens);
  await generate(WARM_UP_PROMPT, 2);
  const forget = () => generate(WARM_UP_PROMPT, 1);

  const contexts: ContextFigures[] = [];
  let last: { context: number; text: string; reply: string } | undefined;
  for (const prompt of spec.contexts) {
    const g = await medianRun(runs, () => generate(prompt.text, spec.decodeTokens + 1), (g) => g.end.wallMs - g.firstToken.wallMs, forget);
    contexts.push(contextFigures(prompt.context, g));
    last = { context: prompt.context, text: prompt.text, reply: g.text };
  }
  const figures: CaseFigures = { loadMs, contexts, sessions: {} };
  if (last && spec.followUpText) {
    // Right after `last`'s generation, whose state an engine may have kept; never repeated.
    const history = `${last.text}${last.reply}`;
    const g = await generate(`${history}${spec.followUpText}`, 1);
    figures.followUpTtftMs = g.end.wallMs - g.start.wallMs;
    figures.followUpContext = last.context;
    figures.followUpPromptTokens = g.promptTokens;
    if (spec.editedFollowUpText) {
      const edited = await generate(`${history}${spec.editedFollowUpText}`, 1);
      figures.editTtftMs = edited.end.wallMs - edited.start.wallMs;
    }
  }
  const ttft = spec.ttftPrompt;
  if (ttft) {
    const g = await medianRun(runs, () => generate(ttft.text, 1, ttft.image), (g) => g.end.wallMs - g.start.wallMs, forget);
    figures.ttftMs = g.end.wallMs - g.start.wallMs;
    figures.ttftPromptTokens = g.promptTokens;
    if (ttft.image) figures.imageEncodeMs = g.visionMs;
  }
  figures.sessions = probe.totals();
  await driver.dispose();
  return figures;
}

async function timedGeneration(
  driver: EngineDriver,
  probe: SessionProbe,
  now: Clock,
  prompt: { text: string; image?: RawImage },
  maxNewTokens: number,
): Promise<Generation> {
  let firstToken: Instant | Promise<Instant> | undefined;
  let stepRole: GraphRole | undefined;
  const laterSteps: Array<Instant | Promise<Instant>> = [];
  let prefillRan = false;
  let sessionMsAtFirstToken = 0;
  const visionBefore = probe.totals().vision_encoder?.ms ?? 0;
  const start = await now();
  // Each step is read only where the page's thread is: a read there costs the page next to nothing
  // (the Node side reads /proc), and elsewhere the figures need only the decode's two ends.
  const readEachStep = start.pageThreadCpuMs !== undefined;
  probe.onRun((event, role, positions) => {
    if (event === 'end' && role === 'decoder') prefillRan = true;
    // The first one-position run after the prefill needs the first token: it is known by then,
    // however long an engine left the GPU working after session.run returned. Runs of several
    // positions after the first decoder run are more of the prompt.
    if (event !== 'start' || !prefillRan || (positions ?? 1) !== 1) return;
    if (!firstToken) {
      firstToken = now();
      stepRole = role;
      sessionMsAtFirstToken = sessionMs(probe.totals());
    } else if (readEachStep && role === stepRole) {
      laterSteps.push(now());
    }
  });
  const { ids, text, promptTokens } = await driver.generate(prompt, maxNewTokens);
  const end = await now();
  probe.onRun(undefined);
  const totals = probe.totals();
  const visionMs = (totals.vision_encoder?.ms ?? 0) - visionBefore;
  const decodeSessionMs = firstToken ? sessionMs(totals) - sessionMsAtFirstToken : 0;
  return { ids, text, promptTokens, start, firstToken: (await firstToken) ?? end, laterSteps: await Promise.all(laterSteps), end, visionMs, decodeSessionMs };
}

function sessionMs(totals: SessionTotals): number {
  return Object.values(totals).reduce((sum, t) => sum + t.ms, 0);
}

function contextFigures(context: number, g: Generation): ContextFigures {
  const decodeSteps = g.ids.length - 1;
  const prefillMs = g.firstToken.wallMs - g.start.wallMs;
  const decodeMs = g.end.wallMs - g.firstToken.wallMs;
  const figures: ContextFigures = {
    context,
    promptTokens: g.promptTokens,
    prefillMs,
    prefillTokensPerSecond: (g.promptTokens * 1000) / prefillMs,
    decodeSteps,
    decodeMs,
    decodeTokensPerSecond: (decodeSteps * 1000) / decodeMs,
    decodeOutsideOrtMsPerToken: (decodeMs - g.decodeSessionMs) / decodeSteps,
    ids: g.ids,
  };
  if (g.start.cpuMs !== undefined && g.firstToken.cpuMs !== undefined && g.end.cpuMs !== undefined) {
    figures.decodeCpuMs = g.end.cpuMs - g.firstToken.cpuMs;
    figures.decodeTokensPerCpuSecond = (decodeSteps * 1000) / figures.decodeCpuMs;
    figures.prefillCpuMs = g.firstToken.cpuMs - g.start.cpuMs;
  }
  const pageThread = [g.firstToken, ...g.laterSteps, g.end].map((instant) => instant.pageThreadCpuMs);
  if (decodeSteps > 0 && pageThread.every((ms) => ms !== undefined)) {
    figures.decodePageThreadCpuMsPerToken = median(pageThread.slice(1).map((ms, i) => ms - pageThread[i]!));
  }
  if (g.firstToken.gpuDispatches !== undefined && g.end.gpuDispatches !== undefined && decodeSteps > 0) {
    figures.decodeGpuDispatchesPerToken = (g.end.gpuDispatches - g.firstToken.gpuDispatches) / decodeSteps;
  }
  if (g.firstToken.gpuSubmits !== undefined && g.end.gpuSubmits !== undefined && decodeSteps > 0) {
    figures.decodeGpuSubmitsPerToken = (g.end.gpuSubmits - g.firstToken.gpuSubmits) / decodeSteps;
  }
  return figures;
}

/**
 * Runs `measure` `runs` times and returns the run with the median `key` (for an even count the
 * lower middle one: a run that was measured, not a mean of two). `forget` runs before each
 * repeat: an engine that reuses the KV cache of a shared prefix (Inkwell) would otherwise prefill
 * a repeated prompt from its cache, one token instead of all of them.
 */
async function medianRun<T>(runs: number, measure: () => Promise<T>, key: (t: T) => number, forget: () => Promise<unknown>): Promise<T> {
  const results: T[] = [];
  for (let i = 0; i < runs; i++) {
    if (i > 0) await forget();
    results.push(await measure());
  }
  results.sort((a, b) => key(a) - key(b));
  return results[Math.floor((results.length - 1) / 2)];
}
