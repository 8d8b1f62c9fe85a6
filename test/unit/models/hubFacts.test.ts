import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkAgainstCatalog } from '../../../src/models/common/checkAgainstCatalog';
import { readHubFileFacts, type HubFileFacts } from '../../../src/models/common/hubFileFacts';
import { resolveUrl } from '../../../src/models/common/hubUrls';
import { ModelsError } from '../../../src/models/common/modelsError';

const SHA256 = 'a'.repeat(64);
const SHA1 = 'b'.repeat(40);
const COMMIT = 'c'.repeat(40);
const headers = (values: Record<string, string>) => (name: string) => values[name];
const facts = (overrides: Partial<HubFileFacts> = {}): HubFileFacts => ({
  commit: COMMIT,
  digest: { algorithm: 'sha256', value: SHA256 },
  etag: SHA256,
  size: 86_562_901,
  ...overrides,
});

describe('resolve URLs', () => {
  it('keep the path’s slashes and quote the revision as one segment', () => {
    assert.equal(
      resolveUrl('https://hub.example/', 'org/model', 'refs/pr/1', 'onnx/model q4.onnx'),
      'https://hub.example/org/model/resolve/refs%2Fpr%2F1/onnx/model%20q4.onnx',
    );
  });
});

describe('reading what the Hub says about a file', () => {
  it('takes an LFS file’s sha256 and size from the X-Linked headers of its redirect', () => {
    const read = readHubFileFacts(302, headers({ 'x-repo-commit': COMMIT, 'x-linked-etag': `"${SHA256}"`, 'x-linked-size': '1234', etag: `W/"${SHA1}"`, 'content-length': '0' }));
    assert.deepEqual(read, { commit: COMMIT, digest: { algorithm: 'sha256', value: SHA256 }, etag: SHA256, size: 1234 });
  });

  it('takes a git file’s blob sha1 from its weak ETag and its size from Content-Length', () => {
    const read = readHubFileFacts(200, headers({ 'x-repo-commit': COMMIT, etag: `W/"${SHA1}"`, 'content-length': '68' }));
    assert.deepEqual(read?.digest, { algorithm: 'git-sha1', value: SHA1 });
    assert.equal(read?.size, 68);
  });

  it('refuses an answer without X-Repo-Commit, as huggingface_hub does', () => {
    assert.equal(readHubFileFacts(200, headers({ etag: `"${SHA1}"`, 'content-length': '68' })), undefined);
  });

  it('never takes a redirect’s own Content-Length for the file’s size', () => {
    assert.equal(readHubFileFacts(302, headers({ 'x-repo-commit': COMMIT, etag: `"${SHA256}"`, 'content-length': '0' })), undefined);
  });
});

describe('checking the Hub’s facts against the catalog', () => {
  const where = 'org/model@ccccccc';

  it('accepts a confirmed file that matches exactly', () => {
    const expected = checkAgainstCatalog({ path: 'a.onnx', size: 86_562_901, digest: { algorithm: 'sha256', value: SHA256 } }, facts(), where);
    assert.deepEqual(expected, { path: 'a.onnx', size: 86_562_901, digest: { algorithm: 'sha256', value: SHA256 } });
  });

  it('refuses a confirmed file whose digest differs, naming both', () => {
    assert.throws(
      () => checkAgainstCatalog({ path: 'a.onnx', size: 86_562_901, digest: { algorithm: 'sha256', value: 'd'.repeat(64) } }, facts(), where),
      (e: unknown) => e instanceof ModelsError && e.code === 'catalog-mismatch' && e.file === 'a.onnx' && e.message.includes(SHA256) && e.message.includes('d'.repeat(64)),
    );
  });

  it('accepts an unconfirmed file within the rounding of the Hub page’s size, with the Hub’s digest', () => {
    const expected = checkAgainstCatalog({ path: 'a.onnx', approximateSize: 86.6e6 }, facts(), where);
    assert.equal(expected.digest.value, SHA256);
  });

  it('refuses an unconfirmed file outside that rounding', () => {
    assert.throws(
      () => checkAgainstCatalog({ path: 'a.onnx', approximateSize: 86.9e6 }, facts(), where),
      (e: unknown) => e instanceof ModelsError && e.code === 'catalog-mismatch' && /about 86900000/.test(e.message),
    );
  });

  it('refuses a file the Hub gives no recognisable checksum for', () => {
    assert.throws(
      () => checkAgainstCatalog({ path: 'a.onnx' }, facts({ digest: undefined, etag: 'xyz' }), where),
      (e: unknown) => e instanceof ModelsError && e.code === 'unverifiable',
    );
  });
});
