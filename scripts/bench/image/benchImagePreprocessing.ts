/**
 * Times Idefics3 image preprocessing on the CPU (`preprocessIdefics3Images`) against WGSL on a GPU
 * through Dawn (`preprocessIdefics3ImagesOnGpu`, read-back included), with SmolVLM-256M-Instruct's
 * preprocessor_config.json, and checks the two agree bit for bit. Prints one JSON line per image,
 * then a table. Exits 1 when Dawn finds no adapter, 2 when any output differs.
 *
 *   npx tsx scripts/bench/image/benchImagePreprocessing.ts
 *
 * On the borrowed GPU machine, after `npx tsx scripts/bench/device/packDeviceBench.ts <node24>`
 * here, with `carry: [".devbench", ".gl"]`:
 *
 *   OUT=$OUT bash scripts/bench/device/runImageOnDevice.sh
 */
import { differingFloatBits } from '../../../test/builders/floatBits';
import { noiseImage } from '../../../test/builders/noiseImage';
import { preprocessIdefics3Images, type Idefics3ImageInputs } from '../../../webview/engine/image/idefics3ImageProcessor';
import { preprocessIdefics3ImagesOnGpu } from '../../../webview/engine/image/gpu/preprocessOnGpu';
// Bundled into the device pack, which has no shared/ folder.
import smolVlmPreprocessorConfig from '../../../../shared/reference/SmolVLM-256M-Instruct/preprocessor_config.json';
import { median } from '../median';
import { installDawnWebgpu } from '../node/dawnWebgpu';

const RUNS = 5;

interface ImageCase {
  name: string;
  width: number;
  height: number;
}

const CASES: ImageCase[] = [
  { name: 'noise 512x512', width: 512, height: 512 },
  // The longest edge is already SmolVLM's 2048: no Lanczos, only the bilinear resize and the tiles.
  { name: 'noise 2048x1536', width: 2048, height: 1536 },
  { name: 'noise 4000x3000', width: 4000, height: 3000 },
];

/** Runs `step` once to warm up, then RUNS times; the median wall time and the last result. */
async function medianMs(step: () => Idefics3ImageInputs | Promise<Idefics3ImageInputs>): Promise<{ ms: number; result: Idefics3ImageInputs }> {
  let result = await step();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    result = await step();
    times.push(performance.now() - start);
  }
  return { ms: median(times), result };
}

async function main(): Promise<number> {
  const adapter = await installDawnWebgpu().requestAdapter({ powerPreference: 'high-performance' });
  if (!adapter) {
    process.stderr.write('benchImagePreprocessing: Dawn found no WebGPU adapter (no GPU, or no Vulkan driver/loader on this machine)\n');
    return 1;
  }
  const { vendor, architecture, device: deviceName, description } = adapter.info;
  const adapterInfo = { vendor, architecture, device: deviceName, description };
  // As onnxruntime-web asks for its device: the adapter's largest buffers, so no image falls back to the CPU.
  const device = await adapter.requestDevice({
    requiredLimits: { maxStorageBufferBindingSize: adapter.limits.maxStorageBufferBindingSize, maxBufferSize: adapter.limits.maxBufferSize },
  });
  process.stdout.write(`${JSON.stringify({ adapter: adapterInfo, node: process.version, runs: RUNS })}\n`);

  const rows: string[][] = [];
  let allIdentical = true;
  for (const [i, { name, width, height }] of CASES.entries()) {
    const images = [noiseImage(width, height, 4, i + 1)];
    const cpu = await medianMs(() => preprocessIdefics3Images(images, smolVlmPreprocessorConfig));
    const gpu = await medianMs(() => preprocessIdefics3ImagesOnGpu(device, images, smolVlmPreprocessorConfig));
    const { differing } = differingFloatBits(gpu.result.pixelValues, cpu.result.pixelValues);
    const identical = differing === 0 && JSON.stringify(gpu.result.pixelValuesDims) === JSON.stringify(cpu.result.pixelValuesDims);
    allIdentical &&= identical;
    const frames = cpu.result.pixelValuesDims[1];
    const ratio = cpu.ms / gpu.ms;
    process.stdout.write(`${JSON.stringify({ image: name, width, height, frames, cpuMs: cpu.ms, gpuMs: gpu.ms, cpuOverGpu: ratio, identical, differing, adapter: adapterInfo })}\n`);
    rows.push([name, String(frames), cpu.ms.toFixed(1), gpu.ms.toFixed(1), `${ratio.toFixed(2)}x`, identical ? 'yes' : `no (${differing})`]);
  }
  device.destroy();

  const header = ['image', 'frames', 'cpu ms', 'gpu ms', 'cpu/gpu', 'identical'];
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((row) => row[c].length)));
  const line = (cells: string[]): string => `| ${cells.map((cell, c) => cell.padEnd(widths[c])).join(' | ')} |`;
  process.stdout.write(`\n${[vendor, architecture, description].filter(Boolean).join(' ')} (Dawn in Node ${process.version}), median of ${RUNS}\n`);
  process.stdout.write(`${[line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n')}\n`);
  return allIdentical ? 0 : 2;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`benchImagePreprocessing: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
