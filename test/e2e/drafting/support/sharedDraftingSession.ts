/**
 * One code-server session for all the tests of a describe, in order: the packed extension on
 * WebGPU (SwiftShader) over a fresh workspace holding `files`, started (and Inkwell active) before
 * the first test and torn down with its workspace after the last.
 */
import { after, before } from 'node:test';
import { startSession, type Session } from '../../harness/session';
import { packedInkwell } from '../../harness/packedInkwell';
import type { UserSettings } from '../../harness/userSettings';
import { aWorkspaceFolder, type WorkspaceFolder } from '../../harness/workspaceFolder';

const INLINE_STATUS_ITEM = 'inkwell.inkwell.inkwell.inlineCompletions';

export interface SharedDraftingSession {
  /** Throws outside the tests: there is no session yet. */
  readonly session: Session;
  readonly workspace: WorkspaceFolder;
}

/** Call inside `describe`; it registers the suite's `before` and `after`. */
export function sharedDraftingSession(testName: string, files: Record<string, string | Uint8Array>, userSettings: UserSettings): SharedDraftingSession {
  let workspace: WorkspaceFolder | undefined;
  let session: Session | undefined;
  before(async () => {
    workspace = await aWorkspaceFolder(files);
    session = await startSession({ testName, workspaceFolder: workspace.path, extensions: [await packedInkwell()], webgpu: true, userSettings });
    // Inkwell activates on startup finished, after the workbench is up: a test that pastes or
    // types first would reach VS Code before Inkwell's providers. The inline completions' item
    // is the last thing activation makes.
    await session.workbench.statusBarItem(INLINE_STATUS_ITEM).waitFor({ timeout: 60_000 });
  });
  after(async () => {
    await session?.close();
    await workspace?.remove();
  });
  return {
    get session() {
      if (!session) throw new Error('the shared session has not started');
      return session;
    },
    get workspace() {
      if (!workspace) throw new Error('the shared workspace has not been made');
      return workspace;
    },
  };
}
