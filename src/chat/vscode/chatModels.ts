/**
 * The model picker's choices and what is known of each: the bundled demo models, the model
 * `inkwell.model` names if it is another, and the remote providers (Gemini, an OpenAI-compatible
 * server) with their configured models. Choosing a local model sets `inkwell.provider` to
 * `local` and `inkwell.model`; choosing a remote one sets `inkwell.provider`. Commands, chat and
 * the status bar therefore always agree on where text goes.
 */
import * as vscode from 'vscode';
import type { ModelChoice } from '../../../webview/chat/protocol/chatProtocol';
import { readGeminiSettings, readOpenAiCompatibleSettings, readProviderId } from '../../providers/vscode/remoteSettings';
import type { InkwellServices } from '../../services';

/** Bundled, so it is always there to switch to when a model cannot read images; first in the list for that reason. */
export const IMAGE_MODEL = { model: 'demo:colour-vlm', label: 'Switch to Colour VLM' };

const BUNDLED: readonly ModelChoice[] = [
  { id: 'demo:colour-vlm', label: 'Colour VLM (demo)', detail: 'Bundled known-answer model: names the colour of an image.', canReadImages: true },
  { id: 'demo:tiny-smolvlm', label: 'Tiny SmolVLM (demo)', detail: 'Bundled random-weight SmolVLM-layout model, for testing.', canReadImages: true },
  { id: 'demo:tiny-llama', label: 'Tiny Llama (demo)', detail: 'Bundled random-weight Llama-layout model, text only, for testing.', canReadImages: false },
];

/** Remote choices' ids: not model settings, so they cannot clash with one. */
const REMOTE_PREFIX = 'provider:';

export class ChatModels {
  /** What loading a model taught us, by choice id. */
  private readonly readsImages = new Map<string, boolean>();

  constructor(private readonly services: InkwellServices) {}

  /** The id of the current choice: the local model, or `provider:<id>` for a remote provider. */
  get current(): string {
    const provider = readProviderId();
    return provider === 'local' ? this.services.settings().model : `${REMOTE_PREFIX}${provider}`;
  }

  /** How a reply names the model that wrote it. */
  get currentLabel(): string {
    const current = this.current;
    return current.startsWith(REMOTE_PREFIX) ? (this.choices().find((choice) => choice.id === current)?.label ?? current) : current;
  }

  choices(): ModelChoice[] {
    const local = this.services.settings().model;
    const other = BUNDLED.some((choice) => choice.id === local) ? [] : [{ id: local, label: labelOf(local), detail: local }];
    const gemini = readGeminiSettings().model;
    const openAi = readOpenAiCompatibleSettings();
    const remote: ModelChoice[] = [
      { id: `${REMOTE_PREFIX}gemini`, label: `Gemini: ${gemini}`, detail: `Sends prompts and images to Google's Gemini API (${gemini}).`, canReadImages: true },
      {
        id: `${REMOTE_PREFIX}openai-compatible`,
        label: `OpenAI-compatible: ${openAi.model || 'first listed model'}`,
        detail: `Sends prompts to the server at ${openAi.baseUrl}.`,
      },
    ];
    return [...BUNDLED, ...other, ...remote].map((choice) => {
      const learned = this.readsImages.get(choice.id);
      return learned === undefined ? choice : { ...choice, canReadImages: learned };
    });
  }

  async select(choice: string): Promise<void> {
    if (choice === this.current) return;
    const config = vscode.workspace.getConfiguration('inkwell');
    if (choice.startsWith(REMOTE_PREFIX)) {
      await config.update('provider', choice.slice(REMOTE_PREFIX.length), vscode.ConfigurationTarget.Global);
      return;
    }
    if (readProviderId() !== 'local') await config.update('provider', 'local', vscode.ConfigurationTarget.Global);
    await config.update('model', choice, vscode.ConfigurationTarget.Global);
  }

  /** Asks the provider (loading a local model, which is about to be used with images anyway) whether it reads images. */
  async learnImageSupport(): Promise<void> {
    const choice = this.current;
    const info = await this.services.provider.describeModel('draft');
    this.readsImages.set(choice, info.canReadImages);
  }

  /** A reply told us whether the model read the images it was given. */
  remember(choice: string, canReadImages: boolean): void {
    this.readsImages.set(choice, canReadImages);
  }
}

function labelOf(model: string): string {
  const name = model.split(/[\\/]/).filter(Boolean).pop() ?? model;
  return name.length > 40 ? `${name.slice(0, 39)}…` : name;
}
