/**
 * A GenerationRequest as a Gemini API GenerateContentRequest
 * (https://ai.google.dev/api/generate-content): `contents` with user/model turns whose parts are
 * text or `inline_data` images, the system messages as `systemInstruction`, and the sampling
 * settings as `generationConfig`.
 */
import type { GenerationRequest, PromptPart } from '../provider';
import { chatMessages } from '../remote/chatMessages';

export interface GeminiPart {
  text?: string;
  inline_data?: { mime_type: string; data: string };
}

export interface GeminiRequestBody {
  contents: { role: 'user' | 'model'; parts: GeminiPart[] }[];
  systemInstruction?: { parts: GeminiPart[] };
  generationConfig: {
    temperature: number;
    topP: number;
    topK?: number;
    maxOutputTokens: number;
    stopSequences?: string[];
  };
}

export function toGeminiRequest(request: GenerationRequest): GeminiRequestBody {
  const messages = chatMessages(request);
  const system = messages.filter((message) => message.role === 'system').flatMap((message) => message.content.map(toPart));
  const { settings } = request;
  return {
    contents: messages
      .filter((message) => message.role !== 'system')
      .map((message) => ({ role: message.role === 'assistant' ? 'model' : 'user', parts: message.content.map(toPart) })),
    ...(system.length > 0 ? { systemInstruction: { parts: system } } : {}),
    generationConfig: {
      temperature: settings.temperature,
      topP: settings.topP,
      // Inkwell's 0 means "no top-k limit"; Gemini has no such value, so the field is left out.
      ...(settings.topK > 0 ? { topK: settings.topK } : {}),
      maxOutputTokens: settings.maxNewTokens,
      ...(settings.stop && settings.stop.length > 0 ? { stopSequences: settings.stop } : {}),
    },
  };
}

function toPart(part: PromptPart): GeminiPart {
  if (part.type === 'text') return { text: part.text };
  return { inline_data: { mime_type: part.mimeType, data: Buffer.from(part.bytes).toString('base64') } };
}

export type GeminiMethod = 'streamGenerateContent' | 'generateContent';

/** `{endpoint}/models/{model}:{method}`, with `alt=sse` for the streaming method. */
export function geminiUrl(endpoint: string, model: string, method: GeminiMethod): URL {
  const name = model.replace(/^models\//, '');
  const url = new URL(`${endpoint.replace(/\/+$/, '')}/models/${encodeURIComponent(name)}:${method}`);
  if (method === 'streamGenerateContent') url.searchParams.set('alt', 'sse');
  return url;
}
