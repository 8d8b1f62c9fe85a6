import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { describeDestination } from '../../../src/providers/describeDestination';

describe('describeDestination', () => {
  it('says local text stays on this machine', () => {
    const view = describeDestination('local');
    assert.equal(view.text, '$(lock) Local');
    assert.match(view.tooltip, /nothing you write leaves it/);
    assert.equal(view.leavesMachine, false);
  });

  it('names Gemini, the model and the host prompts go to', () => {
    const view = describeDestination('gemini', { name: 'gemini-2.5-flash', canReadImages: true, destination: 'generativelanguage.googleapis.com' });
    assert.equal(view.text, '$(cloud-upload) Gemini · gemini-2.5-flash');
    assert.match(view.tooltip, /sends your prompts, selections and images to generativelanguage\.googleapis\.com \(Gemini API, model gemini-2\.5-flash\)/);
    assert.equal(view.leavesMachine, true);
  });

  it('names the host of a remote OpenAI-compatible server', () => {
    const view = describeDestination('openai-compatible', { name: 'qwen2.5:72b', canReadImages: true, destination: 'gpu-box.example.com:8000' });
    assert.equal(view.text, '$(cloud-upload) gpu-box.example.com:8000 · qwen2.5:72b');
    assert.equal(view.leavesMachine, true);
  });

  it('says a server on loopback keeps text on this machine', () => {
    const view = describeDestination('openai-compatible', { name: 'llama3.2', canReadImages: true, destination: 'this machine (localhost:11434)' });
    assert.equal(view.text, '$(server) llama3.2');
    assert.match(view.tooltip, /on this machine \(localhost:11434\), model llama3\.2: nothing leaves this machine/);
    assert.equal(view.leavesMachine, false);
  });

  it('warns, and counts prompts as leaving, when a remote provider cannot describe itself', () => {
    const view = describeDestination('gemini', { problem: 'inkwell.gemini.endpoint is not an http(s) URL: "x".' });
    assert.equal(view.text, '$(warning) Gemini API');
    assert.match(view.tooltip, /set to use the Gemini API, which cannot be used as set up\. inkwell\.gemini\.endpoint is not an http\(s\) URL/);
    assert.equal(view.leavesMachine, true);
  });
});
