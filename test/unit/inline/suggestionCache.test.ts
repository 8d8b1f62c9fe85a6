import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SuggestionCache } from '../../../src/inline/common/suggestionCache';

const at = (before: string, after = '\n\nNext.', documentKey = 'file:///notes.md') => ({ documentKey, before, after });

function cacheWith(suggestion = ' sat on the mat.') {
  const cache = new SuggestionCache();
  cache.remember(at('The cat'), suggestion);
  return cache;
}

describe('SuggestionCache', () => {
  it('keeps the rest of the suggestion while the user types through it', () => {
    const cache = cacheWith();
    assert.deepEqual(cache.lookup(at('The cat s')), { kind: 'kept', rest: 'at on the mat.' });
    assert.deepEqual(cache.lookup(at('The cat sat on')), { kind: 'kept', rest: ' the mat.' });
  });

  it('says when the user has typed all of it', () => {
    assert.deepEqual(cacheWith().lookup(at('The cat sat on the mat.')), { kind: 'kept', rest: '' });
  });

  it('drops the suggestion when the user types something else, for good', () => {
    const cache = cacheWith();
    assert.deepEqual(cache.lookup(at('The cat r')), { kind: 'miss' });
    assert.deepEqual(cache.lookup(at('The cat s')), { kind: 'miss' });
  });

  it('drops it when the text before its start changes', () => {
    assert.deepEqual(cacheWith().lookup(at('A cat s')), { kind: 'miss' });
    assert.deepEqual(cacheWith().lookup(at('The ca')), { kind: 'miss' });
  });

  it('drops it when the text after the cursor changes, or in another document', () => {
    assert.deepEqual(cacheWith().lookup(at('The cat s', '\n\nEdited.')), { kind: 'miss' });
    assert.deepEqual(cacheWith().lookup(at('The cat s', '\n\nNext.', 'file:///other.md')), { kind: 'miss' });
  });
});
