/**
 * Turns the model settings into what the engine webview loads: finds the folder, lists its files,
 * shares them on the loopback file server (started on first use) and gives the URL under which
 * the webview reaches them (`asExternalUri`, so code-server and remote windows map the port).
 */
import * as vscode from 'vscode';
import { locateModel, type ModelLocation } from '../../config/modelLocation';
import type { InkwellSettings } from '../../config/settings';
import type { LoadSpec } from '../common/engineConnection';
import { EngineHostError } from '../common/engineHostError';
import type { Logger } from '../common/engineTransport';
import { listModelFiles } from '../node/listModelFiles';
import { ModelFileServer } from '../node/modelFileServer';

interface RunningServer {
  server: ModelFileServer;
  /** The server's root as the webview reaches it, ending with `/`. */
  externalRoot: string;
}

export class ModelSources implements vscode.Disposable {
  private running: Promise<RunningServer> | undefined;
  private started: RunningServer | undefined;

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly log: Logger,
  ) {}

  /** Origins the engine webview's CSP must allow; empty until the server has started. */
  get serverRoots(): string[] {
    return this.started ? [this.started.externalRoot] : [];
  }

  async loadSpec(settings: InkwellSettings): Promise<LoadSpec> {
    const location = locateModel(settings.model, {
      extensionPath: this.context.extensionPath,
      globalStoragePath: this.context.globalStorageUri.fsPath,
    });
    const files = await listModelFiles(location.folder).catch(() => []);
    if (files.length === 0) throw new EngineHostError('model-unavailable', describeMissing(settings.model, location));
    const { server, externalRoot } = await this.server();
    return {
      source: { location: location.folder, baseUrl: externalRoot + server.share(location.folder, files), files },
      device: settings.device,
      dtype: settings.dtype,
    };
  }

  dispose(): void {
    this.started?.server.dispose();
  }

  private server(): Promise<RunningServer> {
    this.running ??= (async () => {
      const server = await ModelFileServer.start(this.log);
      const external = await vscode.env.asExternalUri(vscode.Uri.parse(server.origin));
      const externalRoot = external.toString(true).replace(/\/?$/, '/');
      this.log.info(`Model file server listening on ${server.origin} (the webview reaches it at ${externalRoot}).`);
      this.started = { server, externalRoot };
      return this.started;
    })();
    return this.running;
  }
}

function describeMissing(setting: string, location: ModelLocation): string {
  switch (location.kind) {
    case 'demo':
      return `The bundled model "${setting}" is missing from this installation (${location.folder}). Reinstall Inkwell, or set inkwell.model to another model.`;
    case 'catalog':
      return `The model "${setting}" is not on this machine (looked in ${location.folder}). Download it first, or set inkwell.model to a model folder.`;
    case 'folder':
      return `No model files in ${location.folder}. Set inkwell.model to a folder with config.json, the tokenizer files and onnx/.`;
  }
}
