import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { LoadedModel } from '../../../webview/engine/api';
import { decodeImage } from '../../../webview/engine/adapters/node/decodeImage';
import { nodeModelFiles } from '../../../webview/engine/adapters/node/nodeModelFiles';
import { nodeOrt } from '../../../webview/engine/adapters/node/nodeOrt';
import { loadModel } from '../../../webview/engine';
import { encodeJpeg, encodePng, solidImage } from '../../builders/testImages';
import { fixtureModels } from '../../support/fixtureModels';

for (const dtype of ['fp32', 'q4'] as const) {
  describe(`colour-vlm (${dtype}) names the colour of an image`, () => {
    let model: LoadedModel;
    before(async () => {
      model = await loadModel({ ort: nodeOrt(), files: nodeModelFiles(join(await fixtureModels(), 'colour-vlm')), device: 'wasm', dtype });
    });
    after(async () => model.dispose());

    for (const [colour, rgb] of [['red', [220, 30, 25]], ['green', [20, 200, 40]], ['blue', [30, 40, 230]]] as const) {
      for (const format of ['png', 'jpeg'] as const) {
        it(`${colour} ${format.toUpperCase()}`, async () => {
          const image = solidImage(120, 80, [...rgb]);
          const bytes = format === 'png' ? encodePng(image) : encodeJpeg(image);
          const result = await model.generate({
            messages: [{ role: 'user', content: [{ type: 'image', image: decodeImage(bytes) }, { type: 'text', text: 'What colour is this?' }] }],
            maxNewTokens: 8,
          });
          assert.equal(result.text.trim(), colour);
          assert.equal(result.finishReason, 'eos');
        });
      }
    }
  });
}
