/**
 * WebGPU in Node through Dawn (the `webgpu` package: Dawn, the WebGPU implementation inside
 * Chromium, as a native addon), installed as the browser globals onnxruntime-web looks for. It is
 * how the bench reaches a GPU on machines where Chromium cannot run: a GPU server has no display
 * and no browser, and the device machine this project borrows has room for Node and Dawn only.
 */
import { create, globals } from 'webgpu';

let installed: GPU | undefined;

export function installDawnWebgpu(): GPU {
  if (installed) return installed;
  Object.assign(globalThis, globals);
  // The threaded wasm build's memory is a SharedArrayBuffer, and Dawn's writeBuffer refuses views
  // of one (Chromium accepts them): hand it a copy.
  const queue = (globals as unknown as { GPUQueue: { prototype: GPUQueue } }).GPUQueue.prototype;
  const writeBuffer = queue.writeBuffer;
  queue.writeBuffer = function (this: GPUQueue, buffer: GPUBuffer, offset: number, data: BufferSource, ...rest: number[]) {
    const view = ArrayBuffer.isView(data) && data.buffer instanceof SharedArrayBuffer ? (data as Uint8Array).slice() : data;
    return writeBuffer.call(this, buffer, offset, view, ...rest);
  } as GPUQueue['writeBuffer'];
  installed = create([]) as GPU;
  const navigator = ((globalThis as { navigator?: object }).navigator ??= {});
  Object.defineProperty(navigator, 'gpu', { value: installed, configurable: true });
  return installed;
}

/** The adapter's name as the reports show it, or undefined when Dawn finds no GPU. */
export async function dawnAdapterName(): Promise<string | undefined> {
  const adapter = await installDawnWebgpu().requestAdapter();
  if (!adapter) return undefined;
  const { vendor, architecture, description } = adapter.info;
  return `${[vendor, architecture, description].filter(Boolean).join(' ')} (Dawn in Node)`;
}
