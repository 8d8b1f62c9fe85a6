import type { Device, Dtype, ModelFiles, Ort } from '../../../webview/engine/api';
import { loadModel } from '../../../webview/engine';
import type { EngineDriver } from './engineDriver';

/** Inkwell through `loadModel` and `generate`, with no fallback to another device or precision. */
export async function openInkwell(ort: Ort, files: ModelFiles, device: Device, dtype: Dtype): Promise<EngineDriver> {
  const model = await loadModel({ ort, files, device, dtype, allowFallback: false });
  return {
    generate: async (prompt, maxNewTokens) => {
      const result = await model.generate({
        rawPrompt: prompt.text,
        images: prompt.image ? [prompt.image] : [],
        maxNewTokens,
        sampling: { temperature: 0 },
      });
      return { ids: result.tokenIds, text: result.text, promptTokens: result.promptTokens };
    },
    dispose: () => model.dispose(),
  };
}
