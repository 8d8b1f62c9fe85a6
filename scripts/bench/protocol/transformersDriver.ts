/** transformers.js through its public API: AutoTokenizer/AutoProcessor, AutoModelFor*, generate. */
import type { RawImage as EngineImage } from '../../../webview/engine/api';
import type { EngineDriver } from './engineDriver';

type Transformers = typeof import('@huggingface/transformers');

export interface TransformersTarget {
  /** The model's folder name under `lib.env.localModelPath`, which the caller has set. */
  modelId: string;
  family: 'llama' | 'idefics3';
  dtype: string;
  /** 'auto' when our ORT is registered under Symbol.for('onnxruntime') (Node), else 'wasm' / 'webgpu'. */
  device: string;
  /**
   * Named explicitly in Node: with device 'auto' transformers.js passes an empty list, and ORT then
   * picks the highest-priority backend registered, which is onnxruntime-node's native CPU backend
   * (transformers.node.mjs imports onnxruntime-node, which registers itself), not our wasm build.
   */
  executionProviders?: string[];
  /**
   * Outputs to keep on the GPU. transformers.js does this for the KV cache when it picks WebGPU
   * itself; with our runtime registered under the symbol it knows no devices (device 'auto'), so
   * the Node WebGPU case names them as transformers.js would.
   */
  gpuResidentOutputs?: string[];
}

export async function openTransformers(lib: Transformers, target: TransformersTarget): Promise<EngineDriver> {
  const sessionOptions = {
    ...(target.executionProviders ? { executionProviders: target.executionProviders } : {}),
    ...(target.gpuResidentOutputs ? { preferredOutputLocation: Object.fromEntries(target.gpuResidentOutputs.map((n) => [n, 'gpu-buffer'])) } : {}),
  };
  const options = { dtype: target.dtype, device: target.device, session_options: sessionOptions } as never;
  const vlm = target.family === 'idefics3';
  const processor = vlm ? await lib.AutoProcessor.from_pretrained(target.modelId) : undefined;
  const tokenizer = processor?.tokenizer ?? (await lib.AutoTokenizer.from_pretrained(target.modelId));
  const model = vlm
    ? await lib.AutoModelForVision2Seq.from_pretrained(target.modelId, options)
    : await lib.AutoModelForCausalLM.from_pretrained(target.modelId, options);
  const toRawImage = (image: EngineImage) => new lib.RawImage(image.data as never, image.width, image.height, image.channels);
  return {
    generate: async (prompt, maxNewTokens) => {
      const inputs = prompt.image ? await processor!(prompt.text, [toRawImage(prompt.image)]) : tokenizer(prompt.text);
      const promptTokens: number = inputs.input_ids.dims[1];
      const output = (await model.generate({ ...inputs, max_new_tokens: maxNewTokens, do_sample: false } as never)) as { tolist(): bigint[][] };
      const ids = output.tolist()[0].slice(promptTokens).map(Number);
      return { ids, text: tokenizer.decode(ids, { skip_special_tokens: true }), promptTokens };
    },
    dispose: async () => {
      await model.dispose();
    },
  };
}
