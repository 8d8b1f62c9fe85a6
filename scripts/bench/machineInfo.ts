import { cpus, loadavg, totalmem } from 'node:os';
import type { MachineInfo } from './benchResults';

export function machineInfo(loadAtStart: number): MachineInfo {
  return {
    cpu: cpus()[0]?.model.trim() ?? 'unknown CPU',
    cores: cpus().length,
    memoryBytes: totalmem(),
    node: process.version,
    loadAverage: [loadAtStart, loadavg()[0]],
  };
}
