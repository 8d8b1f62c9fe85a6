import './useOurOrtInTransformers';
import * as lib from '@huggingface/transformers';
import { basename, dirname } from 'node:path';
import type { RawImage as EngineImage } from '../../webview/engine/api';

/**
 * transformers.js, the reference implementation, run on the very same onnxruntime-web build the
 * engine uses (transformers.js picks up a runtime registered under Symbol.for('onnxruntime')),
 * so any difference in token ids is a difference in our code, not in kernels.
 */
// With a registered runtime transformers.js lists no devices of its own; 'auto' then lets
// onnxruntime-web pick its registered backend (wasm in Node).
lib.env.allowRemoteModels = false;
lib.env.useBrowserCache = false;
lib.env.useFSCache = false;

export interface ReferenceRequest {
  family: 'llama' | 'idefics3';
  modelDir: string;
  dtype: 'fp32' | 'q4';
  messages: Array<{ role: string; content: string | Array<{ type: 'text'; text: string } | { type: 'image' }> }>;
  images?: EngineImage[];
  maxNewTokens: number;
  repetitionPenalty?: number;
}

/** Greedy generation with transformers.js; returns the generated token ids (eos included, if reached). */
export async function referenceGreedyIds(request: ReferenceRequest): Promise<number[]> {
  lib.env.localModelPath = dirname(request.modelDir);
  const id = basename(request.modelDir);
  const images = request.images ?? [];
  if (request.family === 'llama') {
    const tokenizer = await lib.AutoTokenizer.from_pretrained(id);
    const model = await lib.AutoModelForCausalLM.from_pretrained(id, { dtype: request.dtype, device: 'auto' });
    const text = tokenizer.apply_chat_template(request.messages as never, { tokenize: false, add_generation_prompt: true }) as string;
    const inputs = tokenizer(text, { add_special_tokens: false });
    const output = await model.generate({ ...inputs, ...generationOptions(request) });
    await model.dispose();
    return newIds(output as never, inputs.input_ids.dims[1]);
  }
  const processor = await lib.AutoProcessor.from_pretrained(id);
  const model = await lib.AutoModelForVision2Seq.from_pretrained(id, { dtype: request.dtype, device: 'auto' });
  const text = processor.apply_chat_template(request.messages as never, { add_generation_prompt: true }) as string;
  const raw = images.map((image) => new lib.RawImage(image.data as never, image.width, image.height, image.channels));
  // The Idefics3 processor requires images; text-only prompts go through its tokenizer, as its _call would.
  const inputs = raw.length > 0 ? await processor(text, raw) : processor.tokenizer!(text);
  const output = await model.generate({ ...inputs, ...generationOptions(request) });
  await model.dispose();
  return newIds(output as never, inputs.input_ids.dims[1]);
}

function generationOptions(request: ReferenceRequest) {
  return { max_new_tokens: request.maxNewTokens, do_sample: false, repetition_penalty: request.repetitionPenalty ?? 1 };
}

function newIds(output: { tolist(): bigint[][] }, promptLength: number): number[] {
  return output.tolist()[0].slice(promptLength).map(Number);
}
