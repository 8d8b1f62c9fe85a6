/**
 * Each decode step the exports output the whole updated cache, `present = Concat(past, rows)`,
 * and ORT copies every such output into a fresh JavaScript array (onnxruntime-web out of the wasm
 * heap, onnxruntime-node out of its own buffers): at 4k context on SmolLM2-135M that is 190 MB
 * allocated and copied per token, more than the rest of the attention costs. The past it was made
 * from is the engine's own input, so the new rows are all it lacks: this rewrite outputs them
 * alone, under `newRowsName`, and the engine appends them to its cache in place
 * (appendingKvCache.ts). The attention still reads the Concat, so nothing the graph computes
 * changes; the tests compare the bits.
 */
import type * as onnxProto from 'onnx-proto';
import { cacheLayerCount, KV_KINDS, newRowsName, pastName, presentName } from '../kvCacheNames';
import { freshName, takenNames } from '../onnxGraph/graphNames';
import { appendsToPast, producersOf } from '../onnxGraph/nodeMatch';

type Model = onnxProto.onnx.IModelProto;
type Node = onnxProto.onnx.INodeProto;

/**
 * Rewrites `model` in place; false (untouched) unless every `present.*` output of the top-level
 * graph is a Concat of its own `past_key_values.*` input and new rows along the sequence axis:
 * the engine keeps one kind of cache per model, so every layer must be rewritten or none.
 */
export function outputPresentAsNewRows(model: Model): boolean {
  const graph = model.graph;
  if (!graph) return false;
  const outputs = graph.output ?? [];
  const producers = producersOf(graph);
  const taken = takenNames(graph);
  const layers = cacheLayerCount(outputs.map((o) => o.name ?? ''));
  if (layers === 0) return false;

  const rewrites: { output: onnxProto.onnx.IValueInfoProto; rows: string; name: string }[] = [];
  for (let layer = 0; layer < layers; layer++) {
    for (const kind of KV_KINDS) {
      const output = outputs.find((o) => o.name === presentName(layer, kind));
      const concat = producers.get(presentName(layer, kind));
      if (!output || !concat || !appendsToPast(concat, pastName(layer, kind)) || taken.has(newRowsName(layer, kind))) return false;
      rewrites.push({ output, rows: concat.input![1]!, name: newRowsName(layer, kind) });
    }
  }
  if (outputs.filter((o) => (o.name ?? '').startsWith('present.')).length !== rewrites.length) return false;

  const identities: Node[] = rewrites.map(({ output, rows, name }) => {
    // The present value stays in the graph for the attention that reads it; only the output moves.
    output.name = name;
    const dims = output.type?.tensorType?.shape?.dim;
    if (dims?.[2]) dims[2] = { dimParam: 'sequence_length' };
    return { name: freshName(`inkwell_${name}`, taken), opType: 'Identity', domain: '', input: [rows], output: [name] };
  });
  graph.node = [...(graph.node ?? []), ...identities];
  return true;
}
