/**
 * The settings.json every e2e VS Code starts with: a quiet, deterministic workbench (no welcome
 * page, no chat panel, no tips or update checks) so screenshots and focus are the same each run.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export type UserSettings = Readonly<Record<string, unknown>>;

export const quietWorkbenchSettings: UserSettings = {
  'workbench.startupEditor': 'none',
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  // Files open as real tabs, so opening a second file never replaces the first.
  'workbench.editor.enablePreview': false,
  // The page title is then the active file's workspace-relative path, which tests can check.
  'window.title': '${activeEditorMedium}',
  'chat.disableAIFeatures': true,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'security.workspace.trust.enabled': false,
  'typescript.disableAutomaticTypeAcquisition': true,
  'npm.fetchOnlinePackageInfo': false,
  'git.enabled': false,
  // code-server notices servers the extension host opens on loopback and would announce each
  // one with a notification that covers the screen and takes focus.
  'remote.autoForwardPorts': false,
  'editor.minimap.enabled': false,
  // Copy with an empty selection would copy the current line; TextEditor.readText copies after
  // Select All, and an empty document must read as '' rather than '\n'.
  'editor.emptySelectionClipboard': false,
};

/** Writes `User/settings.json` under a code-server user-data dir; `extra` wins over the defaults. */
export async function writeUserSettings(userDataDir: string, extra: UserSettings = {}): Promise<void> {
  const userDir = join(userDataDir, 'User');
  await mkdir(userDir, { recursive: true });
  const settings = { ...quietWorkbenchSettings, ...extra };
  await writeFile(join(userDir, 'settings.json'), `${JSON.stringify(settings, null, 2)}\n`);
}
