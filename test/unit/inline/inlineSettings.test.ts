import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_INLINE_SETTINGS, parseInlineSettings } from '../../../src/inline/common/inlineSettings';

describe('parseInlineSettings', () => {
  it('takes valid values', () => {
    const values: Record<string, unknown> = { enabled: false, languages: ['latex'], commentsAndStringsOnly: false, delayMs: 50, stopAt: 'paragraph', maxLength: 600 };
    assert.deepEqual(parseInlineSettings((key) => values[key]), values);
  });

  it('falls back to the default for a missing or bad value', () => {
    const values: Record<string, unknown> = { enabled: 'yes', languages: [3], delayMs: -5, stopAt: 'page', maxLength: Number.NaN };
    assert.deepEqual(parseInlineSettings((key) => values[key]), DEFAULT_INLINE_SETTINGS);
  });
});
