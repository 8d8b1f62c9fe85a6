/** The page calls this binding, exposed by chromiumSession.ts, for Chromium's CPU time (ms). */
export const CPU_BINDING = 'benchChromiumCpuMs';

export interface ChromiumCpu {
  /** All of Chromium's processes, every thread. */
  cpuMs: number;
  /**
   * The renderers' main threads: the page's, where onnxruntime-web's JavaScript and wasm run every
   * kernel's CPU side and hand it to WebGPU (what bound decode on the H200, docs/benchmarks.md).
   * Not the GPU process: on SwiftShader its main thread also polls while the workers compute the
   * kernels, about 18 ms a second of GPU work (measured), which would swamp a step's dispatching.
   */
  pageThreadCpuMs: number;
}
