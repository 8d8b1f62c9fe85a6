/**
 * Bytes of weights one decode step has to read from memory, from the ONNX file itself: every
 * initializer in full, except tables that only feed a Gather (token embeddings), of which a step
 * reads one row. Cached next to the model, since decoding a 500 MB protobuf takes a while.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import * as onnxProto from 'onnx-proto';

const { onnx } = onnxProto;

export function weightBytesPerToken(onnxPath: string): number {
  const cached = `${onnxPath}.bench-bytes.json`;
  if (existsSync(cached)) return (JSON.parse(readFileSync(cached, 'utf8')) as { bytes: number }).bytes;
  const model = onnx.ModelProto.decode(readFileSync(onnxPath));
  const graph = model.graph!;
  const consumers = new Map<string, string[]>();
  for (const node of graph.node ?? []) {
    (node.input ?? []).forEach((input, index) => {
      const list = consumers.get(input) ?? [];
      list.push(node.opType === 'Gather' && index === 0 ? 'gather-table' : 'other');
      consumers.set(input, list);
    });
  }
  let bytes = 0;
  for (const init of graph.initializer ?? []) {
    const size = init.rawData?.length ?? 0;
    const uses = consumers.get(init.name!) ?? [];
    const rows = Number(init.dims?.[0] ?? 1);
    bytes += uses.length > 0 && uses.every((u) => u === 'gather-table') ? size / rows : size;
  }
  writeFileSync(cached, JSON.stringify({ bytes }));
  return bytes;
}

/** The past keys and values one decode step reads at `context` tokens. */
export function kvBytesPerToken(text: { layers: number; kvHeads: number; headDim: number }, context: number, bytesPerValue = 4): number {
  return text.layers * 2 * text.kvHeads * text.headDim * context * bytesPerValue;
}
