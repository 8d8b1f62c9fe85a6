/**
 * One core's memory read bandwidth: `Buffer.indexOf` of a byte that is not there is memchr, a
 * vectorized read of the whole buffer. Best of several passes over a buffer far larger than the
 * caches; one core because the engine's WebAssembly runs on one thread.
 */
export function measureCpuReadBandwidth(megabytes = 512, passes = 5): number {
  const buffer = Buffer.alloc(megabytes * 2 ** 20);
  buffer.fill(0);
  let best = Infinity;
  for (let i = 0; i < passes; i++) {
    const started = performance.now();
    if (buffer.indexOf(1) !== -1) throw new Error('the probe buffer is not zeroed');
    best = Math.min(best, performance.now() - started);
  }
  return buffer.length / (best / 1000);
}
