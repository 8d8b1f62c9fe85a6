/**
 * A GenerationProvider over the engine itself, in Node: what the engine webview does for a raw
 * prompt, minus the webview. It records what each generation prefilled, for the report.
 */
import type { GenerateResult, LoadedModel } from '../../../webview/engine/api';
import type { GenerationOutcome, GenerationProvider } from '../../../src/providers/provider';

export interface EngineRun {
  prefilledTokens: number;
  promptTokens: number;
  prefillMs: number;
}

export function engineProvider(model: LoadedModel, runs: EngineRun[]): Pick<GenerationProvider, 'generate'> {
  return {
    async generate(request, onDelta, token): Promise<GenerationOutcome> {
      const controller = new AbortController();
      const subscription = token.onCancellationRequested(() => controller.abort());
      let result: GenerateResult;
      try {
        result = await model.generate({
          rawPrompt: request.rawPrompt,
          maxNewTokens: request.settings.maxNewTokens,
          sampling: { temperature: request.settings.temperature, topK: request.settings.topK, topP: request.settings.topP },
          stop: request.settings.stop,
          signal: controller.signal,
          onDelta,
        });
      } finally {
        subscription.dispose();
      }
      runs.push({ prefilledTokens: result.prefilledTokens, promptTokens: result.promptTokens, prefillMs: result.prefillMs });
      return {
        text: result.text,
        finishReason: result.finishReason,
        promptTokens: result.promptTokens,
        generatedTokens: result.tokenIds.length,
        tokensPerSecond: result.tokensPerSecond,
        timeToFirstTokenMs: result.prefillMs,
      };
    },
  };
}
