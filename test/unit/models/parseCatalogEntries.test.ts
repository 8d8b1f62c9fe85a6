import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseCatalogEntries } from '../../../src/models/common/catalog/parseCatalogEntries';
import { smolLm2_360m } from '../../../src/models/common/catalog/smolLm2_360m';

describe('catalog entries from JSON (the INKWELL_TEST_CATALOG seam)', () => {
  it('reads back a catalog entry written as JSON, marked with its origin', () => {
    const [parsed] = parseCatalogEntries(JSON.parse(JSON.stringify([smolLm2_360m])), 'test');
    assert.deepEqual(parsed, { ...smolLm2_360m, origin: 'test' });
  });

  it('names the field it cannot accept', () => {
    const broken = { ...smolLm2_360m, precisions: { q8: [] } };
    assert.throws(() => parseCatalogEntries([broken], 'test'), /\[0\]\.precisions\.q8 is no precision the engine runs/);
  });

  it('refuses a digest that is not lowercase hex of the right length', () => {
    const broken = { ...smolLm2_360m, files: [{ path: 'config.json', digest: { algorithm: 'sha256', value: 'ABC' } }] };
    assert.throws(() => parseCatalogEntries([broken], 'test'), /\[0\]\.files\[0\]\.digest must be a sha256 or git-sha1/);
  });
});
