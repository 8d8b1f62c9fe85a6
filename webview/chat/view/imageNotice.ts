/** The notice shown while images are attached and the chosen model cannot read them, with a one-click switch. */
import type { ModelChoice } from '../protocol/chatProtocol';
import { el, textButton } from './elements';

export class ImageNotice {
  readonly element = el('div', { class: 'notice', role: 'alert', hidden: true });

  constructor(private readonly useModel: (model: string) => void) {}

  update(imagesAttached: boolean, current: ModelChoice | undefined, choices: ModelChoice[]): void {
    const blind = imagesAttached && current?.canReadImages === false;
    this.element.hidden = !blind;
    if (!blind) return;
    // The host lists the bundled image model first among those that read images.
    const target = choices.find((choice) => choice.canReadImages === true);
    this.element.replaceChildren(
      el('span', {}, `${current!.label} cannot read images.`),
      ...(target ? [' ', textButton(`Switch to ${target.label}`, () => this.useModel(target.id), { 'data-action': 'use-image-model' })] : []),
    );
  }
}
