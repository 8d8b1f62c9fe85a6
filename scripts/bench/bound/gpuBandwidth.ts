/**
 * The WebGPU adapter's read bandwidth: a compute shader that reads a large storage buffer once per
 * pass (vec4 loads, grid-stride, XOR-folded so nothing is optimized away), timed over several
 * passes after a warm-up. On SwiftShader this is the CPU's memory seen through the emulator.
 */
const SHADER = /* wgsl */ `
@group(0) @binding(0) var<storage, read> src: array<vec4<u32>>;
@group(0) @binding(1) var<storage, read_write> sink: array<u32>;
@compute @workgroup_size(256)
fn main(@builtin(global_invocation_id) id: vec3<u32>, @builtin(num_workgroups) groups: vec3<u32>) {
  let stride = groups.x * 256u;
  var acc = vec4<u32>(0u);
  for (var i = id.x; i < arrayLength(&src); i += stride) { acc ^= src[i]; }
  if (acc.x == 0xdeadbeefu) { sink[id.x] = acc.y ^ acc.z ^ acc.w; }
}`;

const WORKGROUPS = 1024;

/** Bytes read per second, or undefined when the page has no WebGPU adapter. */
export async function measureGpuReadBandwidth(megabytes = 128, passes = 8): Promise<number | undefined> {
  const adapter = await navigator.gpu?.requestAdapter();
  if (!adapter) return undefined;
  const bytes = Math.min(megabytes * 2 ** 20, adapter.limits.maxStorageBufferBindingSize, adapter.limits.maxBufferSize);
  const device = await adapter.requestDevice({
    requiredLimits: { maxStorageBufferBindingSize: bytes, maxBufferSize: bytes },
  });
  const src = device.createBuffer({ size: bytes, usage: GPUBufferUsage.STORAGE });
  const sink = device.createBuffer({ size: WORKGROUPS * 256 * 4, usage: GPUBufferUsage.STORAGE });
  const pipeline = device.createComputePipeline({
    layout: 'auto',
    compute: { module: device.createShaderModule({ code: SHADER }), entryPoint: 'main' },
  });
  const bindGroup = device.createBindGroup({
    layout: pipeline.getBindGroupLayout(0),
    entries: [
      { binding: 0, resource: { buffer: src } },
      { binding: 1, resource: { buffer: sink } },
    ],
  });
  const submit = (count: number) => {
    const encoder = device.createCommandEncoder();
    for (let i = 0; i < count; i++) {
      const pass = encoder.beginComputePass();
      pass.setPipeline(pipeline);
      pass.setBindGroup(0, bindGroup);
      pass.dispatchWorkgroups(WORKGROUPS);
      pass.end();
    }
    device.queue.submit([encoder.finish()]);
    return device.queue.onSubmittedWorkDone();
  };
  await submit(1);
  const started = performance.now();
  await submit(passes);
  const seconds = (performance.now() - started) / 1000;
  device.destroy();
  return (bytes * passes) / seconds;
}
