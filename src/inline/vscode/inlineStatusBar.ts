/** The status bar item of inline completions: on, off, snoozed or failing; a click turns them on or off. */
import * as vscode from 'vscode';
import { describeInlineStatus, INLINE_STATUS_COMMANDS, type InlineStatus } from '../common/inlineStatusView';

export class InlineStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('inkwell.inlineCompletions', vscode.StatusBarAlignment.Right, 99);

  constructor(private readonly status: () => InlineStatus) {
    this.item.name = 'Inkwell Inline Completions';
    this.item.command = 'inkwell.toggleInlineCompletions';
    this.render();
    this.item.show();
  }

  render(): void {
    const view = describeInlineStatus(this.status());
    this.item.text = view.text;
    const tooltip = new vscode.MarkdownString(view.tooltip);
    tooltip.isTrusted = { enabledCommands: INLINE_STATUS_COMMANDS };
    this.item.tooltip = tooltip;
    this.item.backgroundColor = view.severity ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
  }

  dispose(): void {
    this.item.dispose();
  }
}
