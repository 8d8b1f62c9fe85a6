/**
 * Shows a failed generation to the user with the action that fixes it, where there is one: a
 * model that reads images when the current one cannot, the settings when the model is missing,
 * a retry after a crash.
 */
import * as vscode from 'vscode';
import type { ProviderError } from '../providers/provider';

/** Bundled with the extension, so it can always be offered when a model cannot read images. */
export const BUNDLED_IMAGE_MODEL = 'demo:colour-vlm';

const USE_IMAGE_MODEL = `Use ${BUNDLED_IMAGE_MODEL}`;
const RETRY = 'Retry';
const OPEN_SETTINGS = 'Open Settings';
const SHOW_LOG = 'Show Log';

/** `retry` runs the same command again; it is offered after a fix that makes that worthwhile. */
export async function showGenerationError(error: ProviderError, retry?: () => unknown): Promise<void> {
  switch (error.code) {
    case 'images-not-supported': {
      const choice = await vscode.window.showErrorMessage(error.message, USE_IMAGE_MODEL);
      if (choice !== USE_IMAGE_MODEL) return;
      await useModel(BUNDLED_IMAGE_MODEL);
      void retry?.();
      return;
    }
    case 'model-unavailable': {
      const choice = await vscode.window.showErrorMessage(error.message, OPEN_SETTINGS);
      if (choice === OPEN_SETTINGS) await vscode.commands.executeCommand('workbench.action.openSettings', 'inkwell.model');
      return;
    }
    case 'prompt-too-long':
      void vscode.window.showErrorMessage(`${error.message} Select less text and try again.`);
      return;
    default: {
      const actions = retry ? [RETRY, SHOW_LOG] : [SHOW_LOG];
      const choice = await vscode.window.showErrorMessage(error.message, ...actions);
      if (choice === RETRY) void retry?.();
      if (choice === SHOW_LOG) await vscode.commands.executeCommand('inkwell.showEngineLog');
    }
  }
}

/** Changes `inkwell.model` where it is set: the workspace if it overrides it there, else the user settings. */
async function useModel(model: string): Promise<void> {
  const config = vscode.workspace.getConfiguration('inkwell');
  const inspected = config.inspect<string>('model');
  const target = inspected?.workspaceValue !== undefined ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
  await config.update('model', model, target);
}
