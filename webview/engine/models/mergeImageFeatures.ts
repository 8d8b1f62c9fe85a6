/**
 * Image features written over the `<image>` positions of the prompt's embeddings, in order (as
 * transformers.js' default_merge_input_ids_with_image_features). The positions come in runs (a
 * tile's tokens are consecutive), so each run is one copy: into the CPU array, or, where the
 * embeddings live on the GPU, one `writeBuffer` into their buffer, so they never come back to the
 * CPU. Byte copies either way: the decoder sees the same values.
 */
import type * as OrtTypes from 'onnxruntime-web';
import type { Ort } from '../api';
import { EngineError } from '../errors';

type Tensor = OrtTypes.Tensor;

/** `count` consecutive image positions from `position`, taking feature rows from `row`. */
interface Run {
  position: number;
  row: number;
  count: number;
}

function imageRuns(ids: readonly number[], imageTokenId: number | undefined, rows: number): Run[] {
  const runs: Run[] = [];
  let row = 0;
  for (let position = 0; position < ids.length; position++) {
    if (ids[position] !== imageTokenId) continue;
    const last = runs.at(-1);
    if (last && last.position + last.count === position) last.count++;
    else runs.push({ position, row, count: 1 });
    row++;
  }
  if (row !== rows) {
    throw new EngineError(
      'invalid-model',
      `The prompt has ${row} image tokens but the vision encoder produced ${rows} feature rows; ` +
        "the model's processor_config.json image_seq_len does not match its vision encoder.",
    );
  }
  return runs;
}

/** Merges `features` (on the CPU) into `embeds` and returns the embeddings to feed; disposes `features`. */
export async function mergeImageFeatures(ort: Ort, ids: readonly number[], imageTokenId: number | undefined, embeds: Tensor, features: Tensor): Promise<Tensor> {
  const hidden = embeds.dims[2];
  // ORT hands CPU outputs over in arrays of their own (not views of its wasm memory).
  const source = features.data as Float32Array<ArrayBuffer> | Uint16Array<ArrayBuffer>;
  try {
    const runs = imageRuns(ids, imageTokenId, source.length / hidden);
    if (embeds.location === 'gpu-buffer') {
      const device = await ort.env.webgpu.device;
      for (const run of runs) {
        device.queue.writeBuffer(embeds.gpuBuffer, run.position * hidden * source.BYTES_PER_ELEMENT, source, run.row * hidden, run.count * hidden);
      }
      return embeds;
    }
    const target = embeds.data as Float32Array | Uint16Array;
    for (const run of runs) target.set(source.subarray(run.row * hidden, (run.row + run.count) * hidden), run.position * hidden);
    return embeds;
  } finally {
    features.dispose();
  }
}
