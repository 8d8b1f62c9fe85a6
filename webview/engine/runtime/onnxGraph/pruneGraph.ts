import type * as onnxProto from 'onnx-proto';
import { inputUses } from './graphNames';

type Graph = onnxProto.onnx.IGraphProto;

/**
 * Drops the `candidates` initializers that no node (in any subgraph) reads and that are not graph
 * outputs: left in, ORT logs a warning for each when it creates the session.
 */
export function dropUnusedInitializers(graph: Graph, candidates: Set<string>): void {
  const uses = inputUses(graph);
  const outputs = new Set((graph.output ?? []).map((o) => o.name ?? ''));
  const used = (name: string) => uses.has(name) || outputs.has(name);
  graph.initializer = (graph.initializer ?? []).filter((t) => !candidates.has(t.name ?? '') || used(t.name ?? ''));
}

/** Drops top-level nodes whose outputs nothing reads, until none is left, then the initializers only they read. */
export function removeUnusedNodes(graph: Graph): void {
  const outputs = new Set((graph.output ?? []).map((o) => o.name));
  const orphanedInputs = new Set<string>();
  for (;;) {
    const uses = inputUses(graph);
    const [kept, dropped] = partition(graph.node ?? [], (node) =>
      (node.output ?? []).some((name) => name !== '' && (outputs.has(name) || (uses.get(name) ?? 0) > 0)),
    );
    if (dropped.length === 0) break;
    dropped.forEach((node) => node.input?.forEach((input) => orphanedInputs.add(input)));
    graph.node = kept;
  }
  dropUnusedInitializers(graph, orphanedInputs);
}

function partition<T>(items: T[], keep: (item: T) => boolean): [T[], T[]] {
  return [items.filter(keep), items.filter((item) => !keep(item))];
}
