/** What the extension's features are built on; created once in `activate`. */
import type * as vscode from 'vscode';
import type { InkwellSettings } from './config/settings';
import type { EngineHost } from './engineHost/common/engineHost';
import type { GenerationProvider } from './providers/provider';

export interface InkwellServices {
  /** Every surface generates through this, never through the engine directly. */
  provider: GenerationProvider;
  /** For status and control (cancel all, restart); not for generating. */
  engine: EngineHost;
  log: vscode.LogOutputChannel;
  settings(): InkwellSettings;
}
