/**
 * Entry point of the native engine worker (bundled as `dist/engineWorker.js`): loads
 * onnxruntime-node, says `ready`, then serves the host's requests with the same `EngineSession`
 * as the engine webview. If the native module does not load (no binary for this platform, a
 * missing system library), it answers with a `native-runtime-unavailable` error instead of
 * `ready` (and waits to be terminated), and the host falls back to the webview. Nothing here may load onnxruntime-web (see
 * `nativeOrt.ts`).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { EngineSession } from '../../../webview/engineHost/engineSession';
import type { EngineRuntime } from '../../../webview/engineHost/engineRuntime';
import { acceptHostMessage, type HostChannel } from '../../../webview/engineHost/hostChannel';
import type { HostToEngineMessage } from '../../../webview/protocol/engineProtocol';
import { NATIVE_UNAVAILABLE } from '../common/chooseEngineRuntime';
import { isEngineWorkerData } from './engineWorkerData';
import { nativeRuntime } from './nativeRuntime';

async function start(): Promise<void> {
  const port = parentPort;
  if (!port || !isEngineWorkerData(workerData)) throw new Error('engineWorker.js runs only as the engine worker of the Inkwell extension host.');
  const host: HostChannel = {
    post: (message) => port.postMessage(message),
    log: (level, message) => port.postMessage({ type: 'log', level, message }),
  };
  process.on('unhandledRejection', (reason) => host.log('error', `Unhandled rejection in the engine worker: ${String(reason)}`));

  // Messages can arrive while onnxruntime-node loads; they wait here, in order, for the session.
  const early: HostToEngineMessage[] = [];
  let session: EngineSession | undefined;
  port.on('message', (data: unknown) => acceptHostMessage(data, host, (message) => (session ? session.handle(message) : early.push(message))));

  let runtime: EngineRuntime;
  try {
    // Imported here rather than at the top, so that a binary that fails to load is an answer, not a dead worker.
    const { nativeOrt } = await import('../../../webview/engine/adapters/node/nativeOrt');
    runtime = nativeRuntime(nativeOrt(workerData.threads));
  } catch (error) {
    host.post({ type: 'error', code: NATIVE_UNAVAILABLE, message: describeLoadFailure(error) });
    return;
  }
  session = new EngineSession(host, runtime);
  for (const message of early.splice(0)) session.handle(message);
  host.post({ type: 'ready', gpu: runtime.gpu });
}

/** The universal .vsix has no dist/node_modules/onnxruntime-node at all: say so rather than "Cannot find module". */
function describeLoadFailure(error: unknown): string {
  const missing = error instanceof Error && (error as NodeJS.ErrnoException).code === 'MODULE_NOT_FOUND' && /'onnxruntime-node'/.test(error.message);
  if (missing) return `this Inkwell package carries no native runtime; the ${process.platform}-${process.arch} package of Inkwell does`;
  return error instanceof Error ? error.message.split('\n')[0]! : String(error);
}

void start();
