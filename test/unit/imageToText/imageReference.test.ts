import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseImageReference } from '../../../src/imageToText/imageReference';
import { encodePng, solidImage } from '../../builders/testImages';

describe('parseImageReference', () => {
  it('reads a path relative to the document, decoded', () => {
    assert.deepEqual(parseImageReference('img/red%20square.png'), { kind: 'relative', path: 'img/red square.png' });
    assert.deepEqual(parseImageReference('./red.png?raw=1#top'), { kind: 'relative', path: './red.png' });
  });

  it('reads a path starting with / as under the workspace root', () => {
    assert.deepEqual(parseImageReference('/assets/red.png'), { kind: 'workspaceRoot', path: 'assets/red.png' });
  });

  it('reads a file URL as an absolute path', () => {
    assert.deepEqual(parseImageReference('file:///home/me/red%20one.png'), { kind: 'absolute', path: '/home/me/red one.png' });
  });

  it('decodes an image inline in a data URL', () => {
    const png = encodePng(solidImage(2, 2, [255, 0, 0]));
    const reference = parseImageReference(`data:image/png;base64,${png.toString('base64')}`);
    assert.equal(reference.kind, 'data');
    assert.deepEqual(reference.kind === 'data' && [...reference.bytes], [...png]);
  });

  it('does not fetch images from the web', () => {
    assert.deepEqual(parseImageReference('https://example.com/red.png'), { kind: 'remote', url: 'https://example.com/red.png' });
  });

  it('explains what it cannot read', () => {
    assert.equal(parseImageReference('data:image/svg+xml;base64,PHN2Zy8+').kind, 'unreadable');
    assert.equal(parseImageReference('bad%E0%A4%A.png').kind, 'unreadable');
  });
});
