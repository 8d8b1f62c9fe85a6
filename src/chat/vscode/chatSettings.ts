/**
 * The chat's own generation settings (the popover's temperature and reply length), kept per
 * user in global state over the `inkwell.generation.*` settings, which stay the defaults for
 * commands and for anything the popover does not set.
 */
import type * as vscode from 'vscode';
import type { ChatGenerationSettings } from '../../../webview/chat/protocol/chatProtocol';
import type { GenerationSettings } from '../../providers/provider';

const KEY = 'inkwell.chat.generationSettings';

export class ChatSettings {
  constructor(
    private readonly state: vscode.Memento,
    private readonly defaults: () => GenerationSettings,
  ) {}

  get view(): ChatGenerationSettings {
    const { temperature, maxNewTokens } = this.generation();
    return { temperature, maxNewTokens };
  }

  generation(): GenerationSettings {
    const saved = this.state.get<Partial<ChatGenerationSettings>>(KEY, {});
    return { ...this.defaults(), ...saved };
  }

  async update(settings: ChatGenerationSettings): Promise<void> {
    const temperature = Math.min(2, Math.max(0, settings.temperature));
    const maxNewTokens = Math.min(32_768, Math.max(1, Math.round(settings.maxNewTokens)));
    await this.state.update(KEY, { temperature, maxNewTokens });
  }
}
