/** The notice shown while images are attached and the chosen model cannot read them, with a one-click switch. */
import type { ModelChoice } from '../protocol/chatProtocol';
import { el, textButton } from './elements';

/** Bundled with the extension, so it is always there to switch to. */
export const IMAGE_MODEL = 'demo:colour-vlm';

export class ImageNotice {
  readonly element = el('div', { class: 'notice', role: 'alert', hidden: true });

  constructor(private readonly useModel: (model: string) => void) {}

  update(imagesAttached: boolean, current: ModelChoice | undefined, choices: ModelChoice[]): void {
    const blind = imagesAttached && current?.canReadImages === false;
    this.element.hidden = !blind;
    if (!blind) return;
    const target = choices.find((choice) => choice.id === IMAGE_MODEL);
    this.element.replaceChildren(
      el('span', {}, `${current!.label} cannot read images.`),
      ' ',
      textButton(`Switch to ${target?.label ?? IMAGE_MODEL}`, () => this.useModel(IMAGE_MODEL), { 'data-action': 'use-image-model' }),
    );
  }
}
