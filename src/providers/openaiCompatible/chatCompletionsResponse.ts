/**
 * Reads a streamed chat completion: `data:` events holding chat.completion.chunk objects, text in
 * `choices[0].delta.content`, `finish_reason` on the last choice chunk, usage in a final chunk
 * with no choices, and `data: [DONE]` at the end. Servers report a failure after the stream has
 * started as an event with an `error` object.
 */
import type { ResponseProtocol, ResponseStep } from '../remote/remoteGeneration';
import { isObject, malformedStream, remoteError } from '../remote/remoteError';
import { openAiFailure, type OpenAiFailureContext } from './openaiCompatibleErrors';

export function chatCompletionsProtocol(context: OpenAiFailureContext): ResponseProtocol {
  return {
    framing: 'sse',
    read: (data) => readChatCompletionChunk(data, context),
    // Some servers end without [DONE]; a finish reason is as good an end.
    isComplete: (seen) => seen.done || seen.finish !== undefined,
  };
}

export function readChatCompletionChunk(data: string, context: OpenAiFailureContext): ResponseStep {
  if (data.trim() === '[DONE]') return { done: true };
  let parsed: unknown;
  try {
    parsed = JSON.parse(data);
  } catch {
    throw malformedStream(context.service, 'an event is not valid JSON');
  }
  if (!isObject(parsed)) throw malformedStream(context.service, 'an event is not a JSON object');
  if (parsed.error !== undefined) {
    const status = isObject(parsed.error) && typeof parsed.error.code === 'number' ? parsed.error.code : 500;
    throw openAiFailure({ status, body: data }, context);
  }
  if (parsed.choices !== undefined && !Array.isArray(parsed.choices)) throw malformedStream(context.service, 'choices is not a list');
  const choice: unknown = Array.isArray(parsed.choices) ? parsed.choices[0] : undefined;
  const step: ResponseStep = {};
  if (isObject(choice)) {
    const delta = choice.delta;
    if (isObject(delta) && typeof delta.content === 'string') step.text = delta.content;
    if (typeof choice.finish_reason === 'string') step.finish = finishOf(choice.finish_reason, context.service);
  }
  if (isObject(parsed.usage)) {
    const usage = parsed.usage;
    step.usage = {
      promptTokens: typeof usage.prompt_tokens === 'number' ? usage.prompt_tokens : 0,
      generatedTokens: typeof usage.completion_tokens === 'number' ? usage.completion_tokens : 0,
    };
  }
  return step;
}

function finishOf(reason: string, service: string): 'eos' | 'length' {
  if (reason === 'length') return 'length';
  if (reason === 'content_filter') throw remoteError('content-blocked', `${service} withheld the rest of the answer (content filter).`);
  return 'eos';
}
