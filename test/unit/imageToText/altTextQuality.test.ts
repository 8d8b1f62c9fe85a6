import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isPoorAltText } from '../../../src/imageToText/altTextQuality';

describe('isPoorAltText', () => {
  it('calls missing alt text poor', () => {
    assert.equal(isPoorAltText('', 'cat.png'), true);
    assert.equal(isPoorAltText('   ', 'cat.png'), true);
  });

  it('calls generic words poor', () => {
    for (const alt of ['image', 'Screenshot', 'alt text', 'picture', 'IMG', 'photo', 'An image of', 'enter image description here']) {
      assert.equal(isPoorAltText(alt, 'cat.png'), true, alt);
    }
  });

  it('calls the file name poor, with or without its extension', () => {
    assert.equal(isPoorAltText('red.png', 'images/red.png'), true);
    assert.equal(isPoorAltText('red', 'images/red.png'), true);
    assert.equal(isPoorAltText('my photo', 'my%20photo.jpg'), true);
    assert.equal(isPoorAltText('team_photo', 'team-photo.jpg'), true);
    assert.equal(isPoorAltText('diagram.svg', 'other.png'), true);
  });

  it('calls camera and screenshot tool names poor', () => {
    for (const alt of ['IMG_1234', 'DSC01234', 'Screenshot 2024-05-01 at 10.22.33', 'PXL_20240101_123456789', 'image (2)', '12345']) {
      assert.equal(isPoorAltText(alt, 'x.png'), true, alt);
    }
  });

  it('accepts alt text that says what the image shows', () => {
    for (const alt of ['A red square on a white background', 'Bar chart of sales by month', 'Логотип компании', '猫が寝ている']) {
      assert.equal(isPoorAltText(alt, 'red.png'), false, alt);
    }
  });
});
