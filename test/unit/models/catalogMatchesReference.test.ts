import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { BUILT_IN_CATALOG, DEFAULT_CATALOG_MODEL_ID } from '../../../src/models/common/catalog/builtInCatalog';
import { availablePrecisions, filesFor, type CatalogFile } from '../../../src/models/common/catalog/catalogModel';
import { isRepoId } from '../../../src/models/common/hubUrls';

/** ../shared/reference next to the repository: real Hub files, read here only to check the catalog's facts. */
const reference = join(import.meta.dirname, '..', '..', '..', '..', 'shared', 'reference');
const referenceFolders: Record<string, string> = {
  'HuggingFaceTB/SmolVLM-256M-Instruct': 'SmolVLM-256M-Instruct',
  'HuggingFaceTB/SmolLM2-360M-Instruct': 'SmolLM2-360M-Instruct',
  'onnx-community/Qwen2.5-0.5B-Instruct': 'onnx-community__Qwen2.5-0.5B-Instruct',
};
const isConfirmed = (file: CatalogFile) => file.size !== undefined && file.digest !== undefined;
const skip = existsSync(reference) ? false : `no reference folder at ${reference}`;

describe('the built-in catalog', () => {
  it('offers SmolVLM-256M, which reads images, as the default', () => {
    const model = BUILT_IN_CATALOG.find((m) => m.id === DEFAULT_CATALOG_MODEL_ID);
    assert.equal(model?.id, 'HuggingFaceTB/SmolVLM-256M-Instruct');
    assert.deepEqual(model?.reads, ['text', 'image']);
  });

  it('names each model by its Hub repository and gives every precision its own graphs', () => {
    for (const model of BUILT_IN_CATALOG) {
      assert.ok(isRepoId(model.id) && model.id === model.repo, model.id);
      assert.ok(availablePrecisions(model).length > 0, model.id);
      for (const precision of availablePrecisions(model)) {
        const paths = filesFor(model, precision).map((f) => f.path);
        assert.equal(new Set(paths).size, paths.length, `${model.id} ${precision} lists a file twice`);
        assert.ok(paths.includes('config.json') && paths.includes('tokenizer.json'), `${model.id} ${precision}`);
      }
    }
  });

  it('has a larger text model next to the small ones', () => {
    assert.ok(BUILT_IN_CATALOG.some((m) => m.id === 'onnx-community/Qwen2.5-1.5B-Instruct' && m.reads.includes('text')));
  });
});

describe('the catalog’s confirmed facts agree with the reference files', { skip }, () => {
  for (const model of BUILT_IN_CATALOG) {
    const folder = referenceFolders[model.id];
    const confirmed = [...model.files, ...Object.values(model.precisions).flat()].filter(isConfirmed);

    it(`${model.id}: confirmed facts come only from a reference folder`, () => {
      assert.ok(confirmed.length === 0 || folder !== undefined);
    });
    if (!folder) continue;

    it(`${model.id}: every confirmed size and digest matches`, () => {
      const lfs = lfsFacts(join(reference, folder));
      for (const file of confirmed) {
        if (file.digest!.algorithm === 'sha256') {
          assert.deepEqual(lfs.get(file.path), { size: file.size, sha256: file.digest!.value }, file.path);
        } else {
          const bytes = readFileSync(join(reference, folder, file.path));
          assert.equal(bytes.length, file.size, file.path);
          assert.equal(createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex'), file.digest!.value, file.path);
        }
      }
    });

    it(`${model.id}: every rounded size is what the Hub page showed`, () => {
      const shown = hubPageSizes(join(reference, folder));
      const rounded = [...model.files, ...Object.values(model.precisions).flat()].filter((file) => file.approximateSize !== undefined);
      for (const file of rounded) {
        assert.ok(Math.abs(shown.get(file.path)! - file.approximateSize!) < 1, `${file.path}: ${file.approximateSize} vs ${shown.get(file.path)}`);
      }
    });

    it(`${model.id}: a confirmed context length is config.json's`, { skip: model.contextLengthConfirmed ? false : 'unconfirmed' }, () => {
      const config = JSON.parse(readFileSync(join(reference, folder, 'config.json'), 'utf8'));
      assert.equal((config.text_config ?? config).max_position_embeddings, model.contextLength);
    });
  }
});

/** Sizes and sha256 of the ONNX files, from the LFS pointers (onnx_files.derived.json). */
function lfsFacts(folder: string): Map<string, { size: number; sha256: string }> {
  const path = join(folder, 'onnx_files.derived.json');
  if (!existsSync(path)) return new Map();
  const { files } = JSON.parse(readFileSync(path, 'utf8')) as { files: Array<{ path: string; size: number; lfs_sha256: string }> };
  return new Map(files.map((f) => [f.path, { size: f.size, sha256: f.lfs_sha256 }]));
}

/** "onnx/model_q4.onnx   417 MB (LFS)" lines of the reference's Hub page notes, in bytes. */
function hubPageSizes(folder: string): Map<string, number> {
  const sizes = new Map<string, number>();
  for (const name of ['onnx_files.from_hub_page.txt', 'files.from_hub_page.txt']) {
    const path = join(folder, name);
    if (!existsSync(path)) continue;
    for (const line of readFileSync(path, 'utf8').split('\n')) {
      const match = /^(\S+)\s+([\d.]+) ?(GB|MB|kB|Bytes)\b/.exec(line);
      if (match) sizes.set(match[1], Number(match[2]) * { GB: 1e9, MB: 1e6, kB: 1e3, Bytes: 1 }[match[3] as 'GB']);
    }
  }
  return sizes;
}
