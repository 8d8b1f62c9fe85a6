/**
 * Opens engines for the extension's `EngineHost`s: each is a switch between the engine webview
 * and the native engine worker (docs/engine-host.md, "Native CPU runtime"). The facts the choice
 * learns (the webview's GPU, a native runtime that did not start) are shared by every engine of
 * the session, so the GPU is probed once and a failing native start is not retried.
 */
import * as vscode from 'vscode';
import { readSettings } from '../../config/settings';
import type { RuntimeFacts } from '../common/chooseEngineRuntime';
import { EngineRuntimeSwitch } from '../common/engineRuntimeSwitch';
import type { Logger } from '../common/engineTransport';
import { EngineWorkerTransport } from '../node/engineWorkerTransport';
import { engineWorkerThreads } from '../node/engineWorkerThreads';
import { EngineWebviewPanel } from './engineWebviewPanel';

export type Engine = EngineRuntimeSwitch<EngineWebviewPanel>;

export interface EngineFactoryOptions {
  extensionUri: vscode.Uri;
  modelServers(): readonly string[];
  log: Logger;
}

/** Returns a function that opens one engine; `title` names its webview tab, if it gets one. */
export function engineFactory(options: EngineFactoryOptions): (title?: string) => Engine {
  const facts: RuntimeFacts = {};
  const script = vscode.Uri.joinPath(options.extensionUri, 'dist', 'engineWorker.js').fsPath;
  return (title) =>
    new EngineRuntimeSwitch({
      openWebview: () => new EngineWebviewPanel({ extensionUri: options.extensionUri, modelServers: options.modelServers, title }),
      openNative: () => new EngineWorkerTransport({ script, data: { threads: engineWorkerThreads() } }),
      settings: () => {
        const { cpuRuntime, device } = readSettings();
        return { cpuRuntime, device };
      },
      facts,
      log: options.log,
    });
}
