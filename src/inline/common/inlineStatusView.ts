/** What the inline-completions status bar item says. Pure, so the wording is testable. */

export interface InlineStatus {
  enabled: boolean;
  snoozedMs: number;
  /** The last request's failure, until a request succeeds again. */
  failure: string | undefined;
}

export interface InlineStatusView {
  text: string;
  /** Markdown; its command links are the actions the item offers. */
  tooltip: string;
  severity?: 'warning';
}

const TOGGLE = 'command:inkwell.toggleInlineCompletions';
const SNOOZE = 'command:inkwell.snoozeInlineCompletions';
const STATS = 'command:inkwell.showCompletionStats';

export function describeInlineStatus(status: InlineStatus): InlineStatusView {
  if (!status.enabled) {
    return { text: '$(circle-slash) Inline', tooltip: `Inkwell inline completions are off. [Turn on](${TOGGLE})` };
  }
  if (status.snoozedMs > 0) {
    const minutes = Math.ceil(status.snoozedMs / 60_000);
    return {
      text: `$(clock) Inline ${minutes}m`,
      tooltip: `Inkwell inline completions are snoozed for ${minutes} more minute${minutes === 1 ? '' : 's'}. [Resume now](${TOGGLE})`,
    };
  }
  const actions = `[Turn off](${TOGGLE}) · [Snooze…](${SNOOZE}) · [Stats](${STATS})`;
  if (status.failure) {
    return { text: '$(warning) Inline', tooltip: `Inkwell inline completions failed: ${status.failure}\n\n${actions}`, severity: 'warning' };
  }
  return { text: '$(sparkle) Inline', tooltip: `Inkwell inline completions are on. Alt+\\ asks for one.\n\n${actions}` };
}

export const INLINE_STATUS_COMMANDS = ['inkwell.toggleInlineCompletions', 'inkwell.snoozeInlineCompletions', 'inkwell.showCompletionStats'];
