/**
 * Carries out the host's requests on the engine: loads the model (choosing device, runtime build
 * and precision), runs generations one after another, cancels them by request id. Every failure
 * goes back to the host as an `error` message with the engine's code. The same session serves the
 * engine webview and the extension host's engine worker; `EngineRuntime` is what differs.
 */
import type { ChatMessage, ContentPart, Device, LoadedModel, ModelFiles } from '../engine/api';
import { EngineError, isEngineError, loadModel } from '../engine';
import type { DtypeSetting, HostToEngineMessage, WireMessage } from '../protocol/engineProtocol';
import type { EngineRuntime } from './engineRuntime';
import type { HostChannel } from './hostChannel';
import { throttleProgress } from './throttleProgress';

/** Ten status-bar updates a second are plenty for a percentage. */
const PROGRESS_INTERVAL_MS = 100;

type Message<T extends HostToEngineMessage['type']> = Extract<HostToEngineMessage, { type: T }>;

export class EngineSession {
  private model: LoadedModel | undefined;
  private readonly running = new Map<string, AbortController>();
  /** Requests run one at a time, in the order they came. */
  private queue: Promise<void> = Promise.resolve();
  private readonly reportProgress = throttleProgress(
    (fraction, detail) => this.host.post({ type: 'loadProgress', fraction, detail }),
    PROGRESS_INTERVAL_MS,
  );

  constructor(
    private readonly host: HostChannel,
    private readonly runtime: EngineRuntime,
  ) {}

  handle(message: HostToEngineMessage): void {
    switch (message.type) {
      case 'load':
        this.enqueue(() => this.load(message));
        return;
      case 'generate':
        this.running.set(message.requestId, new AbortController());
        this.enqueue(() => this.generate(message));
        return;
      case 'cancel':
        this.running.get(message.requestId)?.abort();
        return;
      case 'dispose':
        this.enqueue(() => this.disposeModel());
        return;
      case 'ping':
        this.host.post({ type: 'pong', id: message.id });
        return;
    }
  }

  private enqueue(task: () => Promise<void>): void {
    this.queue = this.queue.then(task).catch((error: unknown) => this.host.log('error', `Unexpected: ${String(error)}`));
  }

  private async load(message: Message<'load'>): Promise<void> {
    await this.disposeModel();
    const files = this.runtime.modelFiles(message.source);
    const choice = this.runtime.chooseDevice(message.device);
    // Notices reach the host with the loaded model, which logs them and shows them in the status bar.
    const notices = choice.notice ? [choice.notice] : [];
    try {
      let model: LoadedModel;
      try {
        model = await this.loadOn(choice.device, files, message.dtype);
      } catch (error) {
        if (!choice.fallback || !isDeviceFailure(error)) throw error;
        const failed = describeError(error).message;
        notices.push(`Loading on ${DEVICE_NAMES[choice.device]} failed (${failed}); running on ${DEVICE_NAMES[choice.fallback]}, which is slower.`);
        model = await this.loadOn(choice.fallback, files, message.dtype);
      }
      this.model = model;
      this.host.post({ type: 'loaded', info: { ...model.info, notices: [...notices, ...model.info.notices] } });
    } catch (error) {
      this.host.post({ type: 'error', ...describeError(error) });
    }
  }

  /** Loads with the first precision in the setting's preference order that the folder has. */
  private async loadOn(device: Device, files: ModelFiles, dtypeSetting: DtypeSetting): Promise<LoadedModel> {
    const ort = await this.runtime.loadOrt(device);
    const dtypes = this.runtime.dtypePreferences(dtypeSetting, device);
    let firstError: unknown;
    for (const dtype of dtypes) {
      try {
        return await loadModel({ ort, files, device, dtype, onProgress: this.reportProgress });
      } catch (error) {
        if (!(isEngineError(error) && error.code === 'missing-file')) throw error;
        firstError ??= error;
        this.host.log('debug', `No complete ${dtype} export in ${files.location}.`);
      }
    }
    throw firstError;
  }

  private async generate(message: Message<'generate'>): Promise<void> {
    const { requestId, settings } = message;
    const controller = this.running.get(requestId) ?? new AbortController();
    const startedAt = performance.now();
    let firstDeltaAt: number | undefined;
    let produced = '';
    try {
      if (!this.model) throw new EngineError('internal', 'No model is loaded in the engine.');
      const prompt =
        message.rawPrompt !== undefined
          ? { rawPrompt: message.rawPrompt }
          : { messages: await Promise.all(message.messages.map((wire, index) => this.toChatMessage(wire, index))) };
      const result = await this.model.generate({
        ...prompt,
        maxNewTokens: settings.maxNewTokens,
        sampling: { temperature: settings.temperature, topP: settings.topP, topK: settings.topK },
        stop: settings.stop,
        signal: controller.signal,
        onDelta: (text) => {
          firstDeltaAt ??= performance.now();
          produced += text;
          this.host.post({ type: 'delta', requestId, text });
        },
      });
      this.host.post({
        type: 'done',
        requestId,
        outcome: {
          text: result.text,
          finishReason: result.finishReason,
          promptTokens: result.promptTokens,
          generatedTokens: result.tokenIds.length,
          tokensPerSecond: result.tokensPerSecond,
          timeToFirstTokenMs: firstDeltaAt !== undefined ? firstDeltaAt - startedAt : result.prefillMs,
        },
      });
    } catch (error) {
      if (isEngineError(error) && error.code === 'aborted') {
        const outcome = { text: produced, finishReason: 'aborted' as const, promptTokens: 0, generatedTokens: 0, tokensPerSecond: 0 };
        this.host.post({ type: 'done', requestId, outcome: { ...outcome, timeToFirstTokenMs: 0 } });
      } else {
        this.host.post({ type: 'error', requestId, ...describeError(error) });
      }
    } finally {
      this.running.delete(requestId);
    }
  }

  private async toChatMessage(message: WireMessage, index: number): Promise<ChatMessage> {
    const content = await Promise.all(
      message.content.map(async (part, partIndex): Promise<ContentPart> => {
        if (part.type === 'text') return part;
        const image = await this.runtime.decodeImage(part.bytes, `Image ${partIndex + 1} of message ${index + 1}`);
        return { type: 'image', image };
      }),
    );
    return { role: message.role, content };
  }

  private async disposeModel(): Promise<void> {
    const model = this.model;
    this.model = undefined;
    await model?.dispose();
  }
}

const DEVICE_NAMES: Record<Device, string> = { webgpu: 'WebGPU', wasm: 'WASM (CPU)', cpu: 'the CPU' };

/** Failures of the GPU rather than of the model folder: worth another try on the CPU. */
function isDeviceFailure(error: unknown): boolean {
  if (!isEngineError(error)) return true;
  return ['webgpu-unavailable', 'out-of-memory', 'dtype-unsupported', 'internal'].includes(error.code);
}

function describeError(error: unknown): { code: string; message: string } {
  if (isEngineError(error)) return { code: error.code, message: error.message };
  return { code: 'internal', message: error instanceof Error ? error.message : String(error) };
}
