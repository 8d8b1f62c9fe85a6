import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { altTextRegion } from '../../../src/imageToText/altTextRegion';
import { buildImageMessages, IMAGE_TASKS, imageGenerationSettings, shapeAltText, shapeImageText } from '../../../src/imageToText/imageTasks';
import type { GenerationSettings } from '../../../src/providers/provider';

const image = { bytes: new Uint8Array([0x89, 0x50]), mimeType: 'image/png' as const };
const settings: GenerationSettings = { maxNewTokens: 512, temperature: 0.7, topP: 0.9, topK: 40 };

describe('IMAGE_TASKS', () => {
  it('offers description, alt text, caption, the text in the image, and a custom request', () => {
    assert.deepEqual(IMAGE_TASKS.map((task) => task.kind), ['description', 'altText', 'caption', 'extractText', 'custom']);
  });
});

describe('buildImageMessages', () => {
  it('sends the image before the instruction, as an image part with its bytes', () => {
    const [system, user] = buildImageMessages({ kind: 'description' }, image);
    assert.equal(system.role, 'system');
    assert.deepEqual(user.content[0], { type: 'image', bytes: image.bytes, mimeType: 'image/png' });
    assert.equal(user.content[1].type, 'text');
  });

  it('asks each task its own question', () => {
    const question = (task: Parameters<typeof buildImageMessages>[0]) => {
      const part = buildImageMessages(task, image)[1].content[1];
      return part.type === 'text' ? part.text : '';
    };
    assert.match(question({ kind: 'altText' }), /alt text/);
    assert.match(question({ kind: 'caption' }), /caption/);
    assert.match(question({ kind: 'extractText' }), /text visible in this image/);
    assert.equal(question({ kind: 'custom', instruction: 'Count the cats.' }), 'Count the cats.');
  });
});

describe('imageGenerationSettings', () => {
  it('caps short answers and leaves the others to the settings', () => {
    assert.equal(imageGenerationSettings({ kind: 'altText' }, settings).maxNewTokens, 64);
    assert.equal(imageGenerationSettings({ kind: 'altText' }, { ...settings, maxNewTokens: 10 }).maxNewTokens, 10);
    assert.equal(imageGenerationSettings({ kind: 'description' }, settings).maxNewTokens, 512);
  });
});

describe('shapeAltText', () => {
  it('makes one line without quotes or an "Image of" lead', () => {
    assert.equal(shapeAltText(' "A red\nsquare" '), 'A red square');
    assert.equal(shapeAltText('Image of a red square'), 'A red square');
    assert.equal(shapeAltText('Alt text: red'), 'red');
  });

  it('keeps a plain answer as it is', () => {
    assert.equal(shapeAltText(' red'), 'red');
  });
});

describe('shapeImageText', () => {
  it('keeps a description\'s paragraphs and makes a caption one line', () => {
    assert.equal(shapeImageText({ kind: 'description' }, ' One.\n\nTwo. '), 'One.\n\nTwo.');
    assert.equal(shapeImageText({ kind: 'caption' }, '"A red\nsquare."'), 'A red square.');
  });
});

describe('altTextRegion', () => {
  it('replaces the alt text with the escaped answer', () => {
    assert.equal(altTextRegion('image').final(' red [square]', 'complete'), 'red \\[square\\]');
  });

  it('keeps the old alt text while nothing usable has arrived, and when cancelled', () => {
    const region = altTextRegion('image');
    assert.equal(region.live('  '), 'image');
    assert.equal(region.final('', 'complete'), 'image');
    assert.equal(region.final('red', 'cancelled'), 'image');
  });
});
