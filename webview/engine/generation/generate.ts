import type { GenerateRequest, GenerateResult, FinishReason } from '../api';
import { EngineError } from '../errors';
import type { CausalLm, VisionInputs } from '../models/causalLm';
import type { ShortlistRequest } from '../runtime/shortlist';
import type { TextTokenizer } from '../text/tokenizer';
import { TextStream } from '../text/textStream';
import { createSampler } from './sampler';
import { yieldToEventLoop } from './yieldToEventLoop';

export interface PreparedPrompt {
  ids: number[];
  vision?: VisionInputs;
}

const DEFAULT_MAX_NEW_TOKENS = 256;

/**
 * The generation loop: prefill, then one token at a time until EOS, a stop string, the token
 * budget or the abort signal (checked between tokens and between a long prompt's chunks, so an
 * abort costs at most one step or one chunk).
 */
export async function generateTokens(
  lm: CausalLm,
  tokenizer: TextTokenizer,
  prompt: PreparedPrompt,
  request: GenerateRequest,
): Promise<GenerateResult> {
  const { spec } = lm;
  const promptTokens = prompt.ids.length;
  if (promptTokens >= spec.contextLength) {
    throw new EngineError(
      'prompt-too-long',
      `The prompt is ${promptTokens} tokens but ${spec.name} reads at most ${spec.contextLength}. ` +
        'Select less text, start a new chat, or choose a model with a longer context.',
    );
  }
  const maxNewTokens = Math.min(request.maxNewTokens ?? DEFAULT_MAX_NEW_TOKENS, spec.contextLength - promptTokens);
  const sampling = request.sampling ?? {};
  const settings = {
    temperature: sampling.temperature ?? 0,
    topK: sampling.topK ?? 0,
    topP: sampling.topP ?? 1,
    repetitionPenalty: sampling.repetitionPenalty ?? spec.repetitionPenalty,
    seed: sampling.seed ?? Date.now(),
  };
  const sample = createSampler(settings);
  const stream = new TextStream(tokenizer, [...(request.stop ?? []), ...spec.stopStrings]);
  const eos = new Set(spec.eosTokenIds);
  const allIds = [...prompt.ids];
  const tokenIds: number[] = [];
  const emit = (delta: string) => {
    if (delta) request.onDelta?.(delta);
  };
  // Greedy decoding needs only the logits the penalty changes and the best of the others, which
  // a WebGPU decoder finds on the GPU instead of reading back the whole row.
  const shortlist = (): ShortlistRequest | undefined =>
    settings.temperature <= 0 ? { askedIds: settings.repetitionPenalty !== 1 ? allIds : [] } : undefined;

  const started = performance.now();
  if (request.signal?.aborted) return emptyResult(promptTokens);
  const { logits, prefilledTokens } = await lm.prefill(prompt.ids, { shortlist: shortlist(), vision: prompt.vision, signal: request.signal });
  const prefillMs = performance.now() - started;
  if (!logits) return { ...emptyResult(promptTokens), prefilledTokens, prefillMs };
  let next = sample(logits, allIds);

  let finishReason: FinishReason;
  for (;;) {
    await yieldToEventLoop();
    if (request.signal?.aborted) {
      finishReason = 'aborted';
      break;
    }
    tokenIds.push(next);
    allIds.push(next);
    if (eos.has(next)) {
      finishReason = 'eos';
      break;
    }
    const { delta, stopped } = stream.push(next);
    emit(delta);
    if (stopped) {
      finishReason = 'stop';
      break;
    }
    if (tokenIds.length >= maxNewTokens) {
      finishReason = 'length';
      break;
    }
    next = sample(await lm.step(next, shortlist()), allIds);
  }
  const decodeMs = performance.now() - started - prefillMs;
  const { delta, text } = stream.finish();
  emit(delta);
  const decodedTokens = Math.max(0, tokenIds.length - 1);
  return {
    text,
    tokenIds,
    promptTokens,
    prefilledTokens,
    prefillMs,
    decodeMs,
    tokensPerSecond: decodeMs > 0 ? (decodedTokens * 1000) / decodeMs : 0,
    finishReason,
  };
}

function emptyResult(promptTokens: number): GenerateResult {
  return { text: '', tokenIds: [], promptTokens, prefilledTokens: 0, prefillMs: 0, decodeMs: 0, tokensPerSecond: 0, finishReason: 'aborted' };
}
