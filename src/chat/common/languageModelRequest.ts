/**
 * Requests that reach Inkwell through `vscode.lm` (the `inkwell` vendor), answered by
 * `services.provider`. The messages arrive as VS Code's part classes; they are read by shape so
 * this stays free of the VS Code API: a text part has a string `value`, a data part (images, from
 * callers on the newer API) has `mimeType` and `data` bytes. Tool calls and results are not
 * something a local model here can act on, so they are skipped.
 */
import type { GenerationOutcome, GenerationProvider, GenerationSettings, PromptMessage, PromptPart } from '../../providers/provider';

/** `vscode.LanguageModelChatMessageRole`: User = 1, Assistant = 2 (System = 3 on the proposed API). */
const ROLES: Record<number, PromptMessage['role']> = { 1: 'user', 2: 'assistant', 3: 'system' };

export interface LanguageModelMessageLike {
  readonly role: number;
  readonly content: ReadonlyArray<unknown>;
}

export interface CancellationLike {
  readonly isCancellationRequested: boolean;
  onCancellationRequested(listener: () => void): { dispose(): void };
}

export function toPromptMessages(messages: readonly LanguageModelMessageLike[]): PromptMessage[] {
  return messages
    .map((message) => ({ role: ROLES[message.role] ?? 'user', content: message.content.flatMap(toPromptPart) }))
    .filter((message) => message.content.length > 0);
}

function toPromptPart(part: unknown): PromptPart[] {
  if (typeof part !== 'object' || part === null) return [];
  const candidate = part as { value?: unknown; mimeType?: unknown; data?: unknown };
  if (typeof candidate.value === 'string') return [{ type: 'text', text: candidate.value }];
  if (typeof candidate.mimeType === 'string' && candidate.data instanceof Uint8Array) {
    if (candidate.mimeType.startsWith('image/')) return [{ type: 'image', bytes: candidate.data, mimeType: candidate.mimeType }];
    if (candidate.mimeType.startsWith('text/')) return [{ type: 'text', text: new TextDecoder().decode(candidate.data) }];
  }
  return [];
}

/** `modelOptions` a caller may pass, in the spellings callers use, over the user's settings. */
export function settingsFrom(modelOptions: Readonly<Record<string, unknown>> | undefined, defaults: GenerationSettings): GenerationSettings {
  const number = (...keys: string[]): number | undefined => {
    for (const key of keys) {
      const value = modelOptions?.[key];
      if (typeof value === 'number' && Number.isFinite(value)) return value;
    }
    return undefined;
  };
  const maxNewTokens = number('maxTokens', 'max_tokens', 'maxNewTokens');
  const temperature = number('temperature');
  return {
    ...defaults,
    ...(maxNewTokens !== undefined && { maxNewTokens: Math.max(1, Math.round(maxNewTokens)) }),
    ...(temperature !== undefined && { temperature: Math.min(2, Math.max(0, temperature)) }),
  };
}

/** Streams the reply's text to `report` as it is generated; rejects with the provider's error. */
export function answerLanguageModelRequest(
  provider: GenerationProvider,
  messages: readonly LanguageModelMessageLike[],
  settings: GenerationSettings,
  report: (text: string) => void,
  token: CancellationLike,
): Promise<GenerationOutcome> {
  // The provider's parameter is typed as VS Code's token; it only reads these two members.
  return provider.generate({ messages: toPromptMessages(messages), settings, purpose: 'draft' }, report, token as Parameters<GenerationProvider['generate']>[2]);
}

/** No tokenizer lives on the host (it is in the engine webview); ~4 characters a token is the usual estimate for English text. */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}
