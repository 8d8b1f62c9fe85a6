import type { Instant } from '../protocol/runCase';

/** Wall time, and this process's CPU time over all its threads (ORT's and the workers' included). */
export function processNow(): Instant {
  const cpu = process.cpuUsage();
  return { wallMs: performance.now(), cpuMs: (cpu.user + cpu.system) / 1000 };
}
