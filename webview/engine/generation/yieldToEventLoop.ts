/**
 * Lets other tasks run between two tokens (or two chunks of a prompt). On WASM a decoder run never
 * leaves the JavaScript task it runs in, so without this a cancel message from the host (which
 * aborts the signal) is only read once the whole generation is over. A new task, not
 * `scheduler.yield()`: a yield's continuation goes ahead of waiting tasks, and a generation that
 * yields after every token then starves them (measured in Chromium: an abort from a timer was
 * never seen). Nor `setTimeout`: nested timers wait at least 4 ms. `setImmediate` in Node, a
 * MessageChannel message in pages.
 */
export function yieldToEventLoop(): Promise<void> {
  if (typeof setImmediate === 'function') return new Promise((resolve) => setImmediate(resolve));
  return new Promise((resolve) => {
    const { port1, port2 } = new MessageChannel();
    port1.onmessage = () => {
      port1.close();
      resolve();
    };
    port2.postMessage(undefined);
  });
}
