import type * as onnxProto from 'onnx-proto';

type Graph = onnxProto.onnx.IGraphProto;
type Node = onnxProto.onnx.INodeProto;

/** Every node of the graph and of the subgraphs its nodes carry (If branches, Loop bodies). */
export function forEachNode(graph: Graph, visit: (node: Node) => void): void {
  for (const node of graph.node ?? []) {
    visit(node);
    for (const attribute of node.attribute ?? []) {
      if (attribute.g) forEachNode(attribute.g, visit);
      for (const subgraph of attribute.graphs ?? []) forEachNode(subgraph, visit);
    }
  }
}

/** The names a graph already uses, for `freshName`: initializers, inputs, outputs and node values. */
export function takenNames(graph: Graph): Set<string> {
  const names = new Set<string>();
  const add = (name: string | null | undefined) => names.add(name ?? '');
  (graph.initializer ?? []).forEach((t) => add(t.name));
  [...(graph.input ?? []), ...(graph.output ?? [])].forEach((v) => add(v.name));
  forEachNode(graph, (node) => [...(node.input ?? []), ...(node.output ?? [])].forEach(add));
  return names;
}

/** How many node inputs, in the graph and its subgraphs, read each value. */
export function inputUses(graph: Graph): Map<string, number> {
  const uses = new Map<string, number>();
  forEachNode(graph, (node) => (node.input ?? []).forEach((input) => uses.set(input, (uses.get(input) ?? 0) + 1)));
  return uses;
}

/** `base`, or `base_1`, `base_2`... whichever `taken` lacks; then taken. */
export function freshName(base: string, taken: Set<string>): string {
  let name = base;
  for (let i = 1; taken.has(name); i++) name = `${base}_${i}`;
  taken.add(name);
  return name;
}
