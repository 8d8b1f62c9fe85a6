import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { encodeDestination, escapeAltText, firstFreeFileName, markdownImageLink, pastedImageFileName } from '../../../src/imageToText/markdownImageLink';
import { findMarkdownImages } from '../../../src/imageToText/markdownImages';

describe('markdownImageLink', () => {
  it('writes an image link', () => {
    assert.equal(markdownImageLink('red', 'red.png'), '![red](red.png)');
  });

  it('writes a link that parses back to the same alt text and path', () => {
    const link = markdownImageLink('a [bracketed]\nalt', 'my pics/shot (1).png');
    const [image] = findMarkdownImages(link);
    assert.equal(image.alt, 'a \\[bracketed\\] alt');
    assert.equal(decodeURIComponent(image.target), 'my pics/shot (1).png');
  });
});

describe('escapeAltText', () => {
  it('keeps the alt text on one line with its brackets escaped', () => {
    assert.equal(escapeAltText(' two\n lines [x] \\ '), 'two lines \\[x\\] \\\\');
  });
});

describe('encodeDestination', () => {
  it('encodes what would end or break the destination, and keeps the rest', () => {
    assert.equal(encodeDestination('a b/(c)<d>%.png'), 'a%20b/%28c%29%3Cd%3E%25.png');
    assert.equal(encodeDestination('café/ok.png'), 'café/ok.png');
  });
});

describe('pastedImageFileName', () => {
  it('keeps a pasted file\'s own name, with the extension its bytes call for', () => {
    assert.equal(pastedImageFileName('holiday.PNG', 'image/png'), 'holiday.png');
    assert.equal(pastedImageFileName('photo.jpeg', 'image/jpeg'), 'photo.jpeg');
    assert.equal(pastedImageFileName('photo.png', 'image/jpeg'), 'photo.jpg');
  });

  it('names a nameless image image.<ext>', () => {
    assert.equal(pastedImageFileName(undefined, 'image/png'), 'image.png');
    assert.equal(pastedImageFileName('', 'image/webp'), 'image.webp');
    assert.equal(pastedImageFileName('.png', 'image/png'), 'image.png');
  });

  it('drops path parts and characters file systems refuse', () => {
    assert.equal(pastedImageFileName('../../etc/x:y?.png', 'image/png'), 'xy.png');
  });
});

describe('firstFreeFileName', () => {
  it('counts up until a name is free, as VS Code\'s Markdown paste does', async () => {
    const taken = new Set(['image.png', 'image-1.png']);
    assert.equal(await firstFreeFileName('image.png', async (name) => taken.has(name)), 'image-2.png');
    assert.equal(await firstFreeFileName('new.png', async (name) => taken.has(name)), 'new.png');
  });
});
