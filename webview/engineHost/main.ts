/**
 * Entry point of the engine webview: probes the GPU, says `ready`, then serves the host's
 * requests, and shows on the page what it is doing for whoever opens the engine's tab.
 */
import type { HostToEngineMessage } from '../protocol/engineProtocol';
import { EngineSession } from './engineSession';
import { probeGpu } from './gpuProbe';
import { connectToHost, type HostChannel } from './hostChannel';
import { showGpu, showOutgoing } from './pageStatus';
import { webviewRuntime } from './webviewRuntime';

async function start(): Promise<void> {
  // Messages can arrive while the GPU probe runs; they wait here, in order, for the session.
  const early: HostToEngineMessage[] = [];
  let session: EngineSession | undefined;
  const channel = connectToHost((message) => (session ? session.handle(message) : early.push(message)));
  const host: HostChannel = {
    post: (message) => {
      showOutgoing(message);
      channel.post(message);
    },
    log: channel.log,
  };
  window.addEventListener('error', (event) => host.log('error', `Uncaught: ${event.message}`));
  window.addEventListener('unhandledrejection', (event) => host.log('error', `Unhandled rejection: ${String(event.reason)}`));

  const gpu = await probeGpu();
  showGpu(gpu);
  session = new EngineSession(host, webviewRuntime(gpu, document.body.dataset.ortBase ?? ''));
  for (const message of early.splice(0)) session.handle(message);
  host.post({ type: 'ready', gpu });
}

void start();
