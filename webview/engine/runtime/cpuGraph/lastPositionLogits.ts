/**
 * A prefill needs the logits of its last position only, yet the exports compute them for every
 * position: for SmolLM2-135M the vocabulary projection is a fifth of the weights, and 64 prompt
 * tokens' logits are 12 MB that ORT copies out (of the wasm heap, or onnxruntime-node's buffers;
 * at 4k tokens, 800 MB). This slices the projection's input to the last position. A matrix
 * product's row i depends on its input's row i alone, so the remaining row is computed as before:
 * bit for bit on wasm (the tests compare its bits), in the last bits only on onnxruntime-node,
 * whose 4-bit kernel sums a lone row in another order; a prefill of 64 tokens took 2.1 s on one
 * wasm thread before and 0.9 s after.
 */
import type * as onnxProto from 'onnx-proto';
import { addInt64Initializer } from '../onnxGraph/graphConstants';
import { freshName, inputUses, takenNames } from '../onnxGraph/graphNames';
import { MS_DOMAIN } from '../onnxGraph/microsoftOpset';
import { intAttribute } from '../onnxGraph/nodeAttributes';
import { producersOf } from '../onnxGraph/nodeMatch';

type Model = onnxProto.onnx.IModelProto;
type Node = onnxProto.onnx.INodeProto;

const LOGITS = 'logits';
/** Ops between the projection and the `logits` output that act on each value alone. */
const ELEMENTWISE = new Set(['Identity', 'Cast']);
const INT64_MAX = 2n ** 63n - 1n;

/** Rewrites `model` in place; false (untouched) when its `logits` do not come from a matrix product. */
export function computeLastPositionLogitsOnly(model: Model): boolean {
  const graph = model.graph;
  if (!graph?.output?.some((o) => o.name === LOGITS)) return false;
  const producers = producersOf(graph);
  const consumers = inputUses(graph);
  // Every value from the product to `logits` must feed the next step only: anything else reading
  // one of them would see a single row.
  const feedsOnlyTheChain = (value: string, isOutput: boolean) => (consumers.get(value) ?? 0) === (isOutput ? 0 : 1);
  let node = producers.get(LOGITS);
  if (!feedsOnlyTheChain(LOGITS, true)) return false;
  while (node && ELEMENTWISE.has(node.opType ?? '') && (node.domain ?? '') === '') {
    const input = node.input?.[0] ?? '';
    if (!feedsOnlyTheChain(input, false)) return false;
    node = producers.get(input);
  }
  if (!node || !isRowWiseProduct(node)) return false;

  const taken = takenNames(graph);
  const constant = (base: string, value: bigint) => addInt64Initializer(graph, taken, base, [value]);
  const rows = freshName(`${node.input![0]}_last_position`, taken);
  const slice: Node = {
    name: freshName('inkwell_last_position', taken),
    opType: 'Slice',
    domain: '',
    // The positions are the second-to-last axis of a MatMul's input, whatever its rank.
    input: [node.input![0]!, constant('inkwell_last_start', -1n), constant('inkwell_last_end', INT64_MAX), constant('inkwell_last_axis', -2n)],
    output: [rows],
  };
  node.input = [rows, ...node.input!.slice(1)];
  const nodes = graph.node!;
  graph.node = [...nodes.slice(0, nodes.indexOf(node)), slice, ...nodes.slice(nodes.indexOf(node))];
  return true;
}

/** MatMul and its com.microsoft variants: output row i from input row i (unless A is transposed). */
function isRowWiseProduct(node: Node): boolean {
  const domain = node.domain ?? '';
  if (node.opType === 'MatMul') return domain === '';
  if (domain !== MS_DOMAIN) return false;
  if (node.opType === 'MatMulNBits') return true;
  const flag = (name: string) => intAttribute(node, name) ?? 0;
  return node.opType === 'FusedMatMul' && flag('transA') === 0 && flag('transBatchA') === 0;
}
