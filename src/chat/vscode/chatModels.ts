/**
 * The model picker's choices and what is known of each: the bundled demo models, the model the
 * settings name if it is another, and whether each reads images. Choosing one sets
 * `inkwell.model`, so commands and chat run the same model, as the status bar shows.
 */
import * as vscode from 'vscode';
import type { ModelChoice } from '../../../webview/chat/protocol/chatProtocol';
import type { InkwellServices } from '../../services';

/** Bundled, so it is always there to switch to when a model cannot read images; first in the list for that reason. */
export const IMAGE_MODEL = { model: 'demo:colour-vlm', label: 'Switch to Colour VLM' };

const BUNDLED: readonly ModelChoice[] = [
  { id: 'demo:colour-vlm', label: 'Colour VLM (demo)', detail: 'Bundled known-answer model: names the colour of an image.', canReadImages: true },
  { id: 'demo:tiny-smolvlm', label: 'Tiny SmolVLM (demo)', detail: 'Bundled random-weight SmolVLM-layout model, for testing.', canReadImages: true },
  { id: 'demo:tiny-llama', label: 'Tiny Llama (demo)', detail: 'Bundled random-weight Llama-layout model, text only, for testing.', canReadImages: false },
];

export class ChatModels {
  /** What loading a model taught us, by `inkwell.model` value. */
  private readonly readsImages = new Map<string, boolean>();

  constructor(private readonly services: InkwellServices) {}

  get current(): string {
    return this.services.settings().model;
  }

  choices(): ModelChoice[] {
    const current = this.current;
    const known = BUNDLED.some((choice) => choice.id === current) ? [] : [{ id: current, label: labelOf(current), detail: current }];
    return [...BUNDLED, ...known].map((choice) => {
      const learned = this.readsImages.get(choice.id);
      return learned === undefined ? choice : { ...choice, canReadImages: learned };
    });
  }

  async select(model: string): Promise<void> {
    if (model === this.current) return;
    await vscode.workspace.getConfiguration('inkwell').update('model', model, vscode.ConfigurationTarget.Global);
  }

  /** Loads the current model (it is about to be used with images anyway) to learn whether it reads them. */
  async learnImageSupport(): Promise<void> {
    const model = this.current;
    const info = await this.services.provider.describeModel('draft');
    this.readsImages.set(model, info.canReadImages);
  }

  /** A reply told us what the model is called and whether it read the images it was given. */
  remember(model: string, canReadImages: boolean): void {
    this.readsImages.set(model, canReadImages);
  }
}

function labelOf(model: string): string {
  const name = model.split(/[\\/]/).filter(Boolean).pop() ?? model;
  return name.length > 40 ? `${name.slice(0, 39)}…` : name;
}
