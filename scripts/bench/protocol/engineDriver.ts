import type { RawImage } from '../../../webview/engine/api';

/** A loaded model of either engine, driven through that engine's public API. */
export interface EngineDriver {
  /** Greedy generation of exactly `maxNewTokens` tokens from a raw (untemplated) prompt. */
  generate(prompt: { text: string; image?: RawImage }, maxNewTokens: number): Promise<{ ids: number[]; text: string; promptTokens: number }>;
  dispose(): Promise<void>;
}
