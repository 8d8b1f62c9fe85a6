/**
 * Activation: wires the engine (webview or native worker), the local provider, the status bar
 * and the commands. Thin on purpose; each piece lives in its own folder.
 */
import * as vscode from 'vscode';
import { registerChat } from './chat/registerChat';
import { registerCommands } from './commands';
import { registerEditReviews } from './editing/registerEditReviews';
import { CPU_RUNTIME_KEY, MODEL_SETTING_KEYS, readSettings } from './config/settings';
import { EngineHost } from './engineHost/common/engineHost';
import { engineFactory, type Engine } from './engineHost/vscode/engineFactory';
import { ModelSources } from './engineHost/vscode/modelSources';
import { registerEngineCommands } from './engineHost/vscode/registerEngineCommands';
import { registerInlineCompletions } from './inline/vscode/registerInlineCompletions';
import { createInkwellLog } from './logging/inkwellLog';
import { registerModelManagement } from './models/vscode/registerModelManagement';
import { LocalProvider } from './providers/localProvider';
import { registerRemoteProviders } from './providers/vscode/registerRemoteProviders';
import type { InkwellServices } from './services';
import { createEngineStatusBar } from './statusBar/engineStatusBar';

export function activate(context: vscode.ExtensionContext): InkwellServices {
  const log = createInkwellLog();
  const modelSources = new ModelSources(context, log);
  const openEngine = engineFactory({ extensionUri: context.extensionUri, modelServers: () => modelSources.serverRoots, log });
  let latestEngine: Engine | undefined;
  const engine = new EngineHost(() => (latestEngine = openEngine()), log);
  // The inline-completion model, when it is another one, runs in an engine of its own (opened on
  // its first request), so that neither model unloads the other.
  const inlineEngine = new EngineHost(() => openEngine('Inkwell Engine (inline)'), log);
  const provider = new LocalProvider({ engine, inlineEngine, settings: readSettings, loadSpec: (settings) => modelSources.loadSpec(settings) });
  const services: InkwellServices = { provider, engine, log, settings: readSettings };
  registerRemoteProviders(context, services);

  context.subscriptions.push(
    log,
    modelSources,
    { dispose: () => engine.dispose() },
    { dispose: () => inlineEngine.dispose() },
    createEngineStatusBar(engine, 'inkwell.showEngineLog'),
    vscode.workspace.onDidChangeConfiguration((event) => {
      // A running engine follows the settings at once, so the status bar tells the truth.
      if (MODEL_SETTING_KEYS.some((key) => event.affectsConfiguration(key)) && engine.running) void provider.describeModel().catch(() => undefined);
      // Another runtime is another engine: start again, with the model that was up.
      if (event.affectsConfiguration(CPU_RUNTIME_KEY)) for (const host of [engine, inlineEngine]) if (host.running) host.restart();
    }),
  );
  registerEngineCommands(context, { engine, currentPanel: () => (engine.running ? latestEngine?.webview : undefined), start: () => provider.describeModel() });
  const reviews = registerEditReviews(context);
  registerCommands(context, services, reviews);
  registerModelManagement(context, services);
  registerChat(context, services, reviews);
  registerInlineCompletions(context, services);
  log.info(`Inkwell ${context.extension.packageJSON.version} activated in VS Code ${vscode.version}.`);
  return services;
}
