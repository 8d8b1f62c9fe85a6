import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DeltaChannel } from '../../../src/inline/common/deltaChannel';

describe('DeltaChannel', () => {
  it('streams what was pushed, in order, until the end', async () => {
    const channel = new DeltaChannel(() => assert.fail('abandoned'));
    channel.push('Hel');
    setImmediate(() => {
      channel.push('lo');
      channel.push('!');
      channel.end();
    });
    const chunks: string[] = [];
    for await (const chunk of channel) chunks.push(chunk);
    assert.equal(chunks.join(''), 'Hello!');
  });

  it('tells when the reader stops early, so that the generation can be cancelled', async () => {
    let abandoned = 0;
    const channel = new DeltaChannel(() => abandoned++);
    channel.push('enough');
    for await (const chunk of channel) if (chunk) break;
    assert.equal(abandoned, 1);
  });

  it('throws the generation error to the reader', async () => {
    const channel = new DeltaChannel(() => undefined);
    channel.fail(new Error('engine-crashed'));
    await assert.rejects(async () => {
      for await (const chunk of channel) assert.fail(chunk);
    }, /engine-crashed/);
  });
});
