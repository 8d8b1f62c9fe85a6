/**
 * A GenerationRequest as an OpenAI chat completions request, in the subset that Ollama, vLLM,
 * llama.cpp's server and LM Studio all accept: text-only messages as plain strings, user
 * messages with images as content parts with `image_url` data URLs, `stream: true` with usage
 * in the last chunk. `top_k` is not part of the OpenAI API (OpenAI itself rejects it), so the
 * top-k setting is not sent.
 */
import type { GenerationRequest, PromptMessage } from '../provider';
import { chatMessages } from '../remote/chatMessages';
import { remoteError } from '../remote/remoteError';

type ContentPart = { type: 'text'; text: string } | { type: 'image_url'; image_url: { url: string } };

export interface ChatCompletionsBody {
  model: string;
  messages: { role: PromptMessage['role']; content: string | ContentPart[] }[];
  stream: true;
  stream_options: { include_usage: true };
  max_tokens: number;
  temperature: number;
  top_p: number;
  stop?: string[];
}

export function toChatCompletionsRequest(request: GenerationRequest, model: string): ChatCompletionsBody {
  const { settings } = request;
  return {
    model,
    messages: chatMessages(request).map(toMessage),
    stream: true,
    stream_options: { include_usage: true },
    max_tokens: settings.maxNewTokens,
    temperature: settings.temperature,
    top_p: settings.topP,
    ...(settings.stop && settings.stop.length > 0 ? { stop: settings.stop } : {}),
  };
}

function toMessage(message: PromptMessage): ChatCompletionsBody['messages'][number] {
  const hasImages = message.content.some((part) => part.type === 'image');
  if (!hasImages) return { role: message.role, content: message.content.map((part) => (part.type === 'text' ? part.text : '')).join('') };
  // The chat completions API takes image parts in user messages only.
  if (message.role !== 'user') throw remoteError('bad-request', `OpenAI-compatible servers take images only in user messages, not in ${message.role} messages.`);
  return {
    role: message.role,
    content: message.content.map((part) =>
      part.type === 'text'
        ? { type: 'text', text: part.text }
        : { type: 'image_url', image_url: { url: `data:${part.mimeType};base64,${Buffer.from(part.bytes).toString('base64')}` } },
    ),
  };
}

/** `{baseUrl}/v1/{path}`; a base URL that already ends in /v1 (as many guides write it) works too. */
export function openAiUrl(baseUrl: URL, path: 'chat/completions' | 'models'): URL {
  const root = baseUrl.href.replace(/\/+$/, '').replace(/\/v1$/, '');
  return new URL(`${root}/v1/${path}`);
}
