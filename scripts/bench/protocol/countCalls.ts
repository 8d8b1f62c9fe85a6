/**
 * Counts the calls of some methods of a prototype (a WebGPU implementation's classes, Chromium's
 * or Dawn's in Node) by wrapping them: how the bench and the tests count kernels, submits and bind
 * groups without reaching into the code that makes them.
 */
export interface CallCount {
  /** Calls of any of the methods since counting began. */
  count(): number;
  /** Puts the methods back as they were when counting began. */
  restore(): void;
}

export function countCalls(prototype: object, names: readonly string[]): CallCount {
  let calls = 0;
  const methods = prototype as Record<string, (...args: unknown[]) => unknown>;
  const originals = names.map((name) => [name, methods[name]!] as const);
  for (const [name, original] of originals) {
    methods[name] = function counted(this: unknown, ...args: unknown[]) {
      calls++;
      return original.apply(this, args);
    };
  }
  return {
    count: () => calls,
    restore: () => originals.forEach(([name, original]) => (methods[name] = original)),
  };
}
