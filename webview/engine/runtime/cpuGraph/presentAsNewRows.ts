/**
 * Each decode step the exports output the whole updated cache, `present = Concat(past, rows)`,
 * and ORT copies every such output into a fresh JavaScript array (onnxruntime-web out of the wasm
 * heap, onnxruntime-node out of its own buffers): at 4k context on SmolLM2-135M that is 190 MB
 * allocated and copied per token, more than the rest of the attention costs. The past it was made
 * from is the engine's own input, so the new rows are all it lacks: this rewrite outputs them
 * alone, under `newRowsName`, and the engine appends them to its cache (appendingKvCache.ts).
 *
 * The past comes in two parts, `Concat(past, recent, rows)`: a [1, heads, length, head_dim]
 * input is one block, so a row appended to every head moves the rows of every head after the
 * first (two thirds of SmolLM2's cache, 10-16 ms a token at 4k); the engine appends to a short
 * recent part instead and moves the rest once in a while. The attention still reads the Concat,
 * so nothing the graph computes changes; the tests compare the bits.
 */
import type * as onnxProto from 'onnx-proto';
import { cacheLayerCount, KV_KINDS, newRowsName, pastName, presentName, recentPastName } from '../kvCacheNames';
import { freshName, takenNames } from '../onnxGraph/graphNames';
import { appendsToPast, producersOf } from '../onnxGraph/nodeMatch';

type Model = onnxProto.onnx.IModelProto;
type Node = onnxProto.onnx.INodeProto;
type ValueInfo = onnxProto.onnx.IValueInfoProto;

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

  const rewrites: { output: ValueInfo; past: ValueInfo; concat: Node; name: string; recent: string }[] = [];
  for (let layer = 0; layer < layers; layer++) {
    for (const kind of KV_KINDS) {
      const output = outputs.find((o) => o.name === presentName(layer, kind));
      const past = graph.input?.find((i) => i.name === pastName(layer, kind));
      const concat = producers.get(presentName(layer, kind));
      const [name, recent] = [newRowsName(layer, kind), recentPastName(layer, kind)];
      if (!output || !past || !concat || !appendsToPast(concat, past.name!) || taken.has(name) || taken.has(recent)) return false;
      rewrites.push({ output, past, concat, name, recent });
    }
  }
  if (outputs.filter((o) => (o.name ?? '').startsWith('present.')).length !== rewrites.length) return false;

  const identities: Node[] = rewrites.map(({ output, past, concat, name, recent }) => {
    const rows = concat.input![1]!;
    concat.input = [past.name!, recent, rows];
    graph.input!.push(withSequenceAxis({ ...past, name: recent }, 'recent_sequence_length'));
    // The present value stays in the graph for the attention that reads it; only the output moves.
    output.name = name;
    const dims = output.type?.tensorType?.shape?.dim;
    if (dims?.[2]) dims[2] = { dimParam: 'sequence_length' };
    return { name: freshName(`inkwell_${name}`, taken), opType: 'Identity', domain: '', input: [rows], output: [name] };
  });
  graph.node = [...(graph.node ?? []), ...identities];
  return true;
}

/** A copy of `value` whose [batch, heads, sequence, head_dim] type names its sequence axis `dimParam`. */
function withSequenceAxis(value: ValueInfo, dimParam: string): ValueInfo {
  const tensorType = value.type?.tensorType;
  const dims = tensorType?.shape?.dim;
  if (!tensorType || !dims?.[2]) return value;
  const dim = dims.map((d, axis) => (axis === 2 ? { dimParam } : d));
  return { ...value, type: { ...value.type, tensorType: { ...tensorType, shape: { ...tensorType.shape, dim } } } };
}
