import assert from 'node:assert/strict';
import type * as vscode from 'vscode';
import { afterEach, describe, it } from 'node:test';
import type { InkwellSettings } from '../../../src/config/settings';
import { EngineHost } from '../../../src/engineHost/common/engineHost';
import type { GenerationRequest } from '../../../src/providers/provider';
import { LocalProvider } from '../../../src/providers/localProvider';
import { aModelSource } from '../../builders/engineMessages';
import { aCancellationSource, aRecordingLogger, fakeWebviews } from '../../builders/fakeEngineWebview';

const engines: EngineHost[] = [];
const aToken = () => aCancellationSource().token as unknown as vscode.CancellationToken;

function anEngine() {
  const { factory, opened } = fakeWebviews({});
  const engine = new EngineHost(factory, aRecordingLogger());
  engines.push(engine);
  return { engine, opened };
}

function aProvider(models: { model: string; inlineModel: string }) {
  const draft = anEngine();
  const inline = anEngine();
  const settings = (): InkwellSettings => ({
    ...models,
    device: 'auto',
    dtype: 'auto',
    cpuRuntime: 'auto',
    generation: { maxNewTokens: 8, temperature: 0, topP: 1, topK: 0 },
  });
  const provider = new LocalProvider({
    engine: draft.engine,
    inlineEngine: inline.engine,
    settings,
    loadSpec: async (s) => ({ source: aModelSource({ location: s.model }), device: s.device, dtype: s.dtype }),
  });
  return { provider, draft, inline };
}

function aRequest(purpose: GenerationRequest['purpose'], rawPrompt?: string): GenerationRequest {
  return { messages: [], rawPrompt, settings: { maxNewTokens: 8, temperature: 0, topP: 1, topK: 0 }, purpose };
}

describe('LocalProvider routing', () => {
  afterEach(() => {
    for (const engine of engines.splice(0)) engine.dispose();
  });

  it('runs inline requests for another model in the inline engine, which loads that model', async () => {
    const { provider, draft, inline } = aProvider({ model: '/models/vlm', inlineModel: '/models/small' });
    await provider.generate(aRequest('inline', 'Once upon a'), () => undefined, aToken());
    assert.equal(draft.opened.length, 0);
    const [load] = inline.opened[0]!.postedOfType('load');
    assert.equal(load!.source.location, '/models/small');
    assert.equal(inline.opened[0]!.postedOfType('generate')[0]!.rawPrompt, 'Once upon a');
  });

  it('keeps drafts in the draft engine with the draft model', async () => {
    const { provider, draft, inline } = aProvider({ model: '/models/vlm', inlineModel: '/models/small' });
    await provider.generate(aRequest('draft'), () => undefined, aToken());
    assert.equal(inline.opened.length, 0);
    assert.equal(draft.opened[0]!.postedOfType('load')[0]!.source.location, '/models/vlm');
  });

  it('shares the draft engine when both purposes use the same model', async () => {
    const { provider, draft, inline } = aProvider({ model: '/models/small', inlineModel: '/models/small' });
    await provider.generate(aRequest('inline', 'Once'), () => undefined, aToken());
    assert.equal(inline.opened.length, 0);
    assert.equal(draft.opened[0]!.postedOfType('generate').length, 1);
  });

  it('describes the model that serves the purpose', async () => {
    const { provider, inline } = aProvider({ model: '/models/vlm', inlineModel: '/models/small' });
    await provider.describeModel('inline');
    assert.equal(inline.opened[0]!.postedOfType('load')[0]!.source.location, '/models/small');
  });
});
