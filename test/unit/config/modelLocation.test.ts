import assert from 'node:assert/strict';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { locateModel } from '../../../src/config/modelLocation';

const roots = { extensionPath: '/ext/inkwell', globalStoragePath: '/storage/inkwell' };

describe('locateModel', () => {
  it('finds a demo model in the extension dist/models folder', () => {
    assert.deepEqual(locateModel('demo:colour-vlm', roots), { kind: 'demo', folder: join('/ext/inkwell', 'dist', 'models', 'colour-vlm') });
  });

  it('takes an absolute path as the model folder', () => {
    assert.deepEqual(locateModel('/data/models/SmolVLM', roots), { kind: 'folder', folder: '/data/models/SmolVLM' });
  });

  it('expands ~ to the home folder', () => {
    assert.deepEqual(locateModel('~/models/x', roots), { kind: 'folder', folder: join(homedir(), 'models', 'x') });
  });

  it('puts a catalog id under global storage, keeping its org/name shape', () => {
    assert.deepEqual(locateModel('HuggingFaceTB/SmolVLM-256M-Instruct', roots), {
      kind: 'catalog',
      folder: join('/storage/inkwell', 'models', 'HuggingFaceTB', 'SmolVLM-256M-Instruct'),
    });
  });

  it('never lets an id climb out of its folder', () => {
    assert.equal(locateModel('../../etc', roots).folder, join('/storage/inkwell', 'models', 'etc'));
    assert.equal(locateModel('demo:../../../etc', roots).folder, join('/ext/inkwell', 'dist', 'models', 'etc'));
  });
});
