import type * as OrtTypes from 'onnxruntime-web';
import type { Ort } from '../api';
import { bindingSize } from './floatTypes';
import { toEngineError } from './ortErrors';
import { liftWeights, type LiftedWeight } from './webgpuGraph/liftWeights';

type Session = OrtTypes.InferenceSession;
type Tensor = OrtTypes.Tensor;

/**
 * A graph's weights in GPU buffers of their own, uploaded once, and sessions of that graph that
 * all read them (webgpuGraph/liftWeights.ts says why). To its callers each session is one of the
 * graph as it was: it feeds the weights itself and does not list them among its inputs. The
 * buffers go when the last of the sessions is released.
 */
export class SharedGpuWeights {
  private weights: LiftedWeight[] | undefined;
  private readonly feeds: Record<string, Tensor> = {};
  private readonly buffers: GPUBuffer[] = [];
  private holders = 0;

  private constructor(
    private readonly ort: Ort,
    private readonly graph: Uint8Array,
    weights: LiftedWeight[],
  ) {
    this.weights = weights;
  }

  /** `bytes` with its weights to share; undefined for a graph without any. */
  static lift(ort: Ort, bytes: Uint8Array): SharedGpuWeights | undefined {
    const lifted = liftWeights(bytes);
    return lifted && new SharedGpuWeights(ort, lifted.bytes, lifted.weights);
  }

  /** A session of the graph with `options`, fed these weights (uploaded with the first). */
  async session(options: OrtTypes.InferenceSession.SessionOptions): Promise<Session> {
    const inner = await this.ort.InferenceSession.create(this.graph, options);
    this.holders++;
    const session = new SessionOverWeights(inner, this.feeds, () => this.letGo());
    try {
      // Only now, on the device this session runs on: made before it, on the device ORT had for
      // the device checks' sessions, since released, the buffers were refused ("Invalid Buffer
      // ... is associated with [Device], and cannot be used with [Device]").
      await this.upload();
    } catch (error) {
      await session.release();
      throw error;
    }
    return session;
  }

  private async upload(): Promise<void> {
    const weights = this.weights;
    if (!weights) return;
    // The bytes go once uploaded: a session keeps only what it reads.
    this.weights = undefined;
    const device = await this.ort.env.webgpu.device;
    device.pushErrorScope('out-of-memory');
    for (const weight of weights) {
      const size = bindingSize(weight.data.length);
      const buffer = device.createBuffer({ size, usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST | GPUBufferUsage.COPY_SRC });
      this.buffers.push(buffer);
      // writeBuffer writes whole multiples of 4 bytes: a last few bytes go padded. (A protobuf
      // decode never yields a SharedArrayBuffer.)
      const data = weight.data as Uint8Array<ArrayBuffer>;
      const whole = data.length - (data.length % 4);
      device.queue.writeBuffer(buffer, 0, data, 0, whole);
      if (whole < data.length) device.queue.writeBuffer(buffer, whole, Uint8Array.from({ length: 4 }, (_, i) => data[whole + i] ?? 0));
      this.feeds[weight.name] = this.ort.Tensor.fromGpuBuffer(buffer, { dataType: weight.type, dims: weight.dims });
    }
    // A buffer the GPU had no memory for is made anyway, invalid: every run would fail on it.
    const outOfMemory = await device.popErrorScope();
    if (outOfMemory) throw toEngineError(new Error(`out of memory: ${outOfMemory.message}`), 'webgpu', `uploading the decoder's weights`);
  }

  private letGo(): void {
    if (--this.holders > 0) return;
    for (const buffer of this.buffers) buffer.destroy();
    this.buffers.length = 0;
  }
}

class SessionOverWeights implements Session {
  private released = false;

  constructor(
    private readonly inner: Session,
    private readonly weights: Record<string, Tensor>,
    private readonly letGo: () => void,
  ) {}

  get inputNames(): readonly string[] {
    return this.inner.inputNames.filter((name) => !(name in this.weights));
  }

  get outputNames(): readonly string[] {
    return this.inner.outputNames;
  }

  get inputMetadata(): readonly OrtTypes.InferenceSession.ValueMetadata[] {
    return this.inner.inputMetadata.filter((value) => !(value.name in this.weights));
  }

  get outputMetadata(): readonly OrtTypes.InferenceSession.ValueMetadata[] {
    return this.inner.outputMetadata;
  }

  run(feeds: OrtTypes.InferenceSession.FeedsType, options?: OrtTypes.InferenceSession.RunOptions): Promise<OrtTypes.InferenceSession.ReturnType>;
  run(
    feeds: OrtTypes.InferenceSession.FeedsType,
    fetches: OrtTypes.InferenceSession.FetchesType,
    options?: OrtTypes.InferenceSession.RunOptions,
  ): Promise<OrtTypes.InferenceSession.ReturnType>;
  run(feeds: OrtTypes.InferenceSession.FeedsType, ...rest: unknown[]): Promise<OrtTypes.InferenceSession.ReturnType> {
    return (this.inner.run as (...args: unknown[]) => Promise<OrtTypes.InferenceSession.ReturnType>).call(this.inner, { ...feeds, ...this.weights }, ...rest);
  }

  async release(): Promise<void> {
    if (this.released) return;
    this.released = true;
    try {
      await this.inner.release();
    } finally {
      this.letGo();
    }
  }

  startProfiling(): void {
    this.inner.startProfiling();
  }

  endProfiling(): void {
    this.inner.endProfiling();
  }
}
