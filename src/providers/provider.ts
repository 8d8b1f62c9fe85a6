/**
 * The one interface every surface (commands, chat panel, inline completions, the `vscode.lm`
 * bridge) generates text through. `local` (the engine webview) implements it today; remote
 * providers will implement the same contract.
 */
import type * as vscode from 'vscode';

export type PromptPart =
  | { type: 'text'; text: string }
  /** Encoded image file bytes (png, jpeg, webp, gif); decoded where the model runs. */
  | { type: 'image'; bytes: Uint8Array; mimeType: string };

export interface PromptMessage {
  role: 'system' | 'user' | 'assistant';
  content: PromptPart[];
}

export interface GenerationSettings {
  maxNewTokens: number;
  temperature: number;
  topP: number;
  topK: number;
  stop?: string[];
}

export interface GenerationRequest {
  messages: PromptMessage[];
  /**
   * Text the model continues as it is, with no chat template (inline completions); `messages` is
   * then empty. A provider that only takes chat messages sends it as one user message.
   */
  rawPrompt?: string;
  settings: GenerationSettings;
  /** Which model serves it: the chat/command model or the inline-completion model. */
  purpose: 'draft' | 'inline';
}

export interface GenerationOutcome {
  text: string;
  finishReason: 'eos' | 'stop' | 'length' | 'aborted';
  promptTokens: number;
  generatedTokens: number;
  tokensPerSecond: number;
  timeToFirstTokenMs: number;
}

export interface ProviderModelInfo {
  name: string;
  canReadImages: boolean;
  /** Where text goes when this provider runs: `this machine` for local. */
  destination: string;
}

export interface GenerationProvider {
  readonly id: 'local' | 'gemini' | 'openai-compatible';
  describeModel(purpose: GenerationRequest['purpose']): Promise<ProviderModelInfo>;
  /** Resolves with what was produced so far when cancelled (finishReason 'aborted'); rejects with a ProviderError on failure. */
  generate(
    request: GenerationRequest,
    onDelta: (delta: string) => void,
    token: vscode.CancellationToken,
  ): Promise<GenerationOutcome>;
}

export type ProviderErrorCode =
  | 'model-unavailable'
  | 'images-not-supported'
  | 'prompt-too-long'
  | 'engine-crashed'
  | 'engine-failed';

export class ProviderError extends Error {
  constructor(
    readonly code: ProviderErrorCode | string,
    message: string,
  ) {
    super(message);
    this.name = 'ProviderError';
  }
}
