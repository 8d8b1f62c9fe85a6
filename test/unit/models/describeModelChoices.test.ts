import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BUILT_IN_CATALOG } from '../../../src/models/common/catalog/builtInCatalog';
import { smolVlm256m } from '../../../src/models/common/catalog/smolVlm256m';
import { precisionToDownload } from '../../../src/models/common/choosePrecision';
import { describeModelChoices, type ModelChoice, type ModelChoiceInput } from '../../../src/models/common/describeModelChoices';

const input = (overrides: Partial<ModelChoiceInput> = {}): ModelChoiceInput => ({
  catalog: BUILT_IN_CATALOG,
  installed: new Map(),
  current: 'demo:colour-vlm',
  demos: ['demo:colour-vlm', 'demo:tiny-llama'],
  dtype: 'auto',
  ...overrides,
});
const row = (choices: ModelChoice[], label: string) => choices.find((c) => c.kind !== 'separator' && c.label.endsWith(label)) as Exclude<ModelChoice, { kind: 'separator' }>;

describe('the Select Model rows', () => {
  it('show what a model reads, its context, and its exact download size when the catalog confirms it', () => {
    const smolVlm = row(describeModelChoices(input()), 'SmolVLM 256M Instruct');
    assert.equal(smolVlm.label, '$(cloud-download) SmolVLM 256M Instruct');
    assert.equal(smolVlm.description, 'text and images · 8K context');
    assert.match(smolVlm.detail ?? '', /^Not downloaded: 267 MB \(q4\)\. /);
  });

  it('say "about" for a size from a Hub page, and admit an unknown one', () => {
    const choices = describeModelChoices(input());
    assert.match(row(choices, 'SmolLM2 360M Instruct').detail ?? '', /^Not downloaded: about 419 MB \(q4\)/);
    assert.match(row(choices, 'SmolVLM 500M Instruct').detail ?? '', /^Not downloaded: size known when the download starts/);
  });

  it('mark downloaded models with their precisions and disk use, and the current one', () => {
    const choices = describeModelChoices(
      input({ current: smolVlm256m.id, installed: new Map([[smolVlm256m.id, { precisions: ['q4'], diskBytes: 267_473_874 }]]) }),
    );
    const smolVlm = row(choices, 'SmolVLM 256M Instruct');
    assert.equal(smolVlm.label, '$(check) SmolVLM 256M Instruct');
    assert.match(smolVlm.description ?? '', / · current$/);
    assert.match(smolVlm.detail ?? '', /^Downloaded \(q4\), 267 MB on disk\./);
  });

  it('list the bundled models and the current model folder, then a way to pick another folder', () => {
    const choices = describeModelChoices(input({ current: '/models/my-llama' }));
    const local = choices.slice(choices.findIndex((c) => c.kind === 'separator' && c.label === 'On this machine') + 1);
    assert.deepEqual(
      local.map((c) => c.label),
      ['$(beaker) colour-vlm', '$(beaker) tiny-llama', '$(folder) my-llama', '$(folder-opened) Use a Model Folder…'],
    );
  });
});

describe('what a download adds', () => {
  it('is q4 for a model not yet here', () => {
    assert.equal(precisionToDownload(smolVlm256m, [], 'auto'), 'q4');
  });

  it('is nothing under auto when any precision is here', () => {
    assert.equal(precisionToDownload(smolVlm256m, ['fp16'], 'auto'), undefined);
  });

  it('is the precision inkwell.dtype names, when it is missing', () => {
    assert.equal(precisionToDownload(smolVlm256m, ['q4'], 'q4f16'), 'q4f16');
    assert.equal(precisionToDownload(smolVlm256m, ['q4f16'], 'q4f16'), undefined);
  });
});
