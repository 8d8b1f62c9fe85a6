/**
 * Wires inline completions into VS Code: the provider for every editable document (the completer
 * decides per language), the status bar item, and the commands to turn them off, snooze them and
 * show their numbers. Generation goes through `services.provider` with `purpose: 'inline'`.
 */
import * as vscode from 'vscode';
import type { InkwellServices } from '../../services';
import { waitOrCancel } from '../common/cancellation';
import { describeStats } from '../common/completionStats';
import { InlineCompleter, type CompletionResult } from '../common/inlineCompleter';
import { Snooze } from '../common/snooze';
import { ACCEPTED_COMMAND, InlineCompletionProvider } from './inlineCompletionProvider';
import { InlineStatusBar } from './inlineStatusBar';
import { INLINE_SECTION, readInlineSettings } from './readInlineSettings';

const SNOOZE_CHOICES = [
  { label: '5 minutes', ms: 5 * 60_000 },
  { label: '15 minutes', ms: 15 * 60_000 },
  { label: '1 hour', ms: 60 * 60_000 },
];
/** The snoozed item counts down in minutes. */
const SNOOZE_TICK_MS = 30_000;

export function registerInlineCompletions(context: vscode.ExtensionContext, services: InkwellServices): void {
  const { log } = services;
  const snooze = new Snooze(Date.now);
  let failure: string | undefined;
  const completer = new InlineCompleter({
    provider: services.provider,
    settings: readInlineSettings,
    snoozed: () => snooze.remainingMs() > 0,
    wait: waitOrCancel,
    now: () => performance.now(),
    log,
  });
  const statusBar = new InlineStatusBar(() => ({ enabled: readInlineSettings().enabled, snoozedMs: snooze.remainingMs(), failure }));
  const showFailure = (message: string | undefined) => {
    if (message === failure) return;
    failure = message;
    statusBar.render();
  };
  const onResult = (result: CompletionResult) => {
    if (result.kind === 'failed') {
      // Once per distinct failure: a model that cannot load would otherwise log on every keystroke.
      if (result.error.message !== failure) log.warn(`Inline completion failed (${result.error.code}): ${result.error.message}`);
      showFailure(result.error.message);
    } else if (result.kind === 'suggestion') {
      showFailure(undefined);
    }
  };
  let snoozeTimer: ReturnType<typeof setInterval> | undefined;
  const stopSnoozeTimer = () => {
    clearInterval(snoozeTimer);
    snoozeTimer = undefined;
  };
  const hideGhostText = () => vscode.commands.executeCommand('editor.action.inlineSuggest.hide');

  context.subscriptions.push(
    vscode.languages.registerInlineCompletionItemProvider({ pattern: '**' }, new InlineCompletionProvider(completer, onResult)),
    statusBar,
    { dispose: stopSnoozeTimer },
    vscode.commands.registerCommand(ACCEPTED_COMMAND, () => completer.accepted()),
    vscode.commands.registerCommand('inkwell.toggleInlineCompletions', async () => {
      if (snooze.remainingMs() > 0) {
        snooze.stop();
        stopSnoozeTimer();
        statusBar.render();
        return;
      }
      const enabled = !readInlineSettings().enabled;
      await vscode.workspace.getConfiguration(INLINE_SECTION).update('enabled', enabled, settingTarget());
      if (!enabled) await hideGhostText();
      log.info(`Inline completions turned ${enabled ? 'on' : 'off'}.`);
    }),
    vscode.commands.registerCommand('inkwell.snoozeInlineCompletions', async () => {
      const choice = await vscode.window.showQuickPick(SNOOZE_CHOICES, { placeHolder: 'Snooze inline completions for' });
      if (!choice) return;
      snooze.start(choice.ms);
      await hideGhostText();
      stopSnoozeTimer();
      snoozeTimer = setInterval(() => {
        if (snooze.remainingMs() === 0) stopSnoozeTimer();
        statusBar.render();
      }, SNOOZE_TICK_MS);
      statusBar.render();
      log.info(`Inline completions snoozed for ${choice.label}.`);
    }),
    vscode.commands.registerCommand('inkwell.showCompletionStats', () => {
      const summary = describeStats(completer.stats.snapshot());
      log.info(summary);
      log.show(true);
      void vscode.window.showInformationMessage(summary);
    }),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration(INLINE_SECTION)) statusBar.render();
    }),
  );
}

/** Where the `enabled` setting is written: where it is set now, so that the write takes effect. */
function settingTarget(): vscode.ConfigurationTarget {
  const inspected = vscode.workspace.getConfiguration(INLINE_SECTION).inspect('enabled');
  return inspected?.workspaceValue !== undefined ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
}
