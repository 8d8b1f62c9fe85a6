/** The quick pick of drafting actions, and the follow-up question some of them ask. */
import * as vscode from 'vscode';
import { DRAFT_ACTIONS, LANGUAGES, TONES, type DraftAction, type DraftActionEntry } from './draftActions';

const TITLE = 'Inkwell: Draft from Selection';

export async function pickDraftAction(): Promise<DraftAction | undefined> {
  const items = DRAFT_ACTIONS.map((entry) => ({ label: entry.label, detail: entry.detail, entry }));
  const picked = await vscode.window.showQuickPick(items, { title: TITLE, placeHolder: 'What should Inkwell do with the selection?', matchOnDetail: true });
  return picked && completeAction(picked.entry);
}

async function completeAction(entry: DraftActionEntry): Promise<DraftAction | undefined> {
  switch (entry.kind) {
    case 'changeTone': {
      const tone = await pickOrType(TONES, 'Which tone? Pick one or type your own.');
      return tone === undefined ? undefined : { kind: 'changeTone', tone };
    }
    case 'translate': {
      const language = await pickOrType(LANGUAGES, 'Into which language? Pick one or type another.');
      return language === undefined ? undefined : { kind: 'translate', language };
    }
    case 'custom': {
      const instruction = await vscode.window.showInputBox({
        title: TITLE,
        prompt: 'What should Inkwell do with the selection?',
        placeHolder: 'e.g. Turn this into a bulleted list',
        validateInput: (value) => (value.trim() === '' ? 'Say what to do with the text.' : undefined),
      });
      return instruction?.trim() ? { kind: 'custom', instruction: instruction.trim() } : undefined;
    }
    default:
      return { kind: entry.kind };
  }
}

/** A pick from `choices`, or whatever the user typed when it matches none of them. */
function pickOrType(choices: readonly string[], placeholder: string): Promise<string | undefined> {
  const pick = vscode.window.createQuickPick();
  pick.title = TITLE;
  pick.placeholder = placeholder;
  const listed = choices.map((label) => ({ label }));
  pick.items = listed;
  pick.onDidChangeValue((value) => {
    const typed = value.trim();
    const known = choices.some((choice) => choice.toLowerCase() === typed.toLowerCase());
    // Listed first, so Enter takes what was typed rather than the closest fuzzy match.
    pick.items = typed === '' || known ? listed : [{ label: typed, description: 'as typed' }, ...listed];
  });
  return new Promise((resolve) => {
    let answer: string | undefined;
    pick.onDidAccept(() => {
      answer = pick.selectedItems[0]?.label;
      pick.hide();
    });
    pick.onDidHide(() => {
      pick.dispose();
      resolve(answer);
    });
    pick.show();
  });
}
