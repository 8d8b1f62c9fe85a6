/**
 * Reads GenerateContentResponse objects: each streamed event is one, and so is the body of
 * `generateContent`. Text comes from the first candidate's parts (thought summaries skipped);
 * the finish reason and usage arrive with the last one. A response that Gemini blocked, or an
 * error object in the stream, becomes a ProviderError.
 */
import type { ProviderError } from '../provider';
import type { ResponseProtocol, ResponseStep } from '../remote/remoteGeneration';
import { isObject, malformedStream, remoteError } from '../remote/remoteError';
import { geminiFailure, type GeminiFailureContext } from './geminiErrors';

export function geminiResponseProtocol(framing: 'sse' | 'json', context: GeminiFailureContext): ResponseProtocol {
  return {
    framing,
    read: (data) => readGeminiResponse(data, context),
    isComplete: (seen) => seen.finish !== undefined,
  };
}

export function readGeminiResponse(data: string, context: GeminiFailureContext): ResponseStep {
  const { service } = context;
  let parsed: unknown;
  try {
    parsed = JSON.parse(data);
  } catch {
    throw malformedStream(service, 'an event is not valid JSON');
  }
  if (!isObject(parsed)) throw malformedStream(service, 'an event is not a JSON object');
  if (isObject(parsed.error)) throw geminiFailure({ status: numberOr(parsed.error.code, 500), body: data }, context);
  const blockReason = isObject(parsed.promptFeedback) ? parsed.promptFeedback.blockReason : undefined;
  if (typeof blockReason === 'string') throw blocked(`the prompt was blocked: ${blockReason}`);
  const candidate = Array.isArray(parsed.candidates) ? parsed.candidates[0] : undefined;
  if (candidate !== undefined && !isObject(candidate)) throw malformedStream(service, 'a candidate is not an object');
  const step: ResponseStep = { text: candidate ? textOf(candidate, service) : undefined };
  const finish = candidate?.finishReason;
  if (typeof finish === 'string' && finish !== 'FINISH_REASON_UNSPECIFIED') step.finish = finishOf(finish);
  if (isObject(parsed.usageMetadata)) {
    const usage = parsed.usageMetadata;
    step.usage = { promptTokens: numberOr(usage.promptTokenCount, 0), generatedTokens: numberOr(usage.candidatesTokenCount, 0) };
  }
  return step;
}

function textOf(candidate: Record<string, unknown>, service: string): string {
  const content = candidate.content;
  if (content === undefined) return '';
  if (!isObject(content) || (content.parts !== undefined && !Array.isArray(content.parts))) throw malformedStream(service, 'a candidate has no parts list');
  const parts: unknown[] = (content.parts as unknown[] | undefined) ?? [];
  return parts
    .filter((part): part is Record<string, unknown> => isObject(part) && typeof part.text === 'string' && part.thought !== true)
    .map((part) => part.text as string)
    .join('');
}

/** STOP and MAX_TOKENS end a normal response; every other reason means Gemini withheld the rest. */
function finishOf(reason: string): 'eos' | 'length' {
  if (reason === 'STOP') return 'eos';
  if (reason === 'MAX_TOKENS') return 'length';
  throw blocked(`finish reason ${reason}`);
}

function blocked(why: string): ProviderError {
  return remoteError('content-blocked', `Gemini declined to answer (${why}). Rephrase the request or choose other text.`);
}

function numberOr(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
}
