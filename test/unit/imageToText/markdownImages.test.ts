import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findMarkdownImages, markdownImageAt } from '../../../src/imageToText/markdownImages';

describe('findMarkdownImages', () => {
  it('finds an image with its alt text, where the alt text is, and its path', () => {
    const line = 'See ![a red square](img/red.png) here.';
    assert.deepEqual(findMarkdownImages(line), [{ start: 4, end: 32, alt: 'a red square', altStart: 6, altEnd: 18, target: 'img/red.png' }]);
    assert.equal(line.slice(6, 18), 'a red square');
  });

  it('finds an image with empty alt text', () => {
    const [image] = findMarkdownImages('![](red.png)');
    assert.equal(image.alt, '');
    assert.equal(image.altStart, image.altEnd);
    assert.equal(image.target, 'red.png');
  });

  it('reads a destination in angle brackets and leaves out a title', () => {
    assert.equal(findMarkdownImages('![x](<my pics/red one.png>)')[0].target, 'my pics/red one.png');
    assert.equal(findMarkdownImages('![x](red.png "A title")')[0].target, 'red.png');
    assert.equal(findMarkdownImages("![x](red.png 'A title')")[0].target, 'red.png');
  });

  it('allows balanced parentheses in the path and escaped brackets in the alt text', () => {
    assert.equal(findMarkdownImages('![x](shot(1).png)')[0].target, 'shot(1).png');
    assert.equal(findMarkdownImages('![a \\] b](c.png)')[0].alt, 'a \\] b');
  });

  it('finds every image on the line, and not links', () => {
    const images = findMarkdownImages('![a](a.png) and [link](b.md) and ![c](c.gif)');
    assert.deepEqual(images.map((image) => image.target), ['a.png', 'c.gif']);
  });

  it('finds nothing in text without images', () => {
    assert.deepEqual(findMarkdownImages('Just ! and [brackets] (and parens).'), []);
  });
});

describe('markdownImageAt', () => {
  const line = 'Before ![one](1.png) middle ![two](2.png)';

  it('picks the image the cursor is in', () => {
    assert.equal(markdownImageAt(line, 10)?.alt, 'one');
    assert.equal(markdownImageAt(line, line.length - 3)?.alt, 'two');
  });

  it('counts the cursor right before the ! and right after the ) as on the image', () => {
    assert.equal(markdownImageAt(line, 7)?.alt, 'one');
    assert.equal(markdownImageAt(line, 20)?.alt, 'one');
  });

  it('finds nothing between images', () => {
    assert.equal(markdownImageAt(line, 24), undefined);
  });
});
