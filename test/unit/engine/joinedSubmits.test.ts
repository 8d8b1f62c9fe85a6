/**
 * withJoinedSubmits (joinedSubmits.ts) on a stand-in queue that logs what reaches it: the command
 * buffers a body submits reach the queue once, in order, before anything that must follow them,
 * and the queue is itself again afterwards. decoderRunnerReplay.test.ts counts a replayed step's
 * submits on Dawn.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { withJoinedSubmits } from '../../../webview/engine/runtime/joinedSubmits';

type Logged = ['submit', string[]] | ['writeBuffer', string] | ['onSubmittedWorkDone'];

class LoggingQueue {
  readonly log: Logged[] = [];
  submit(buffers: Iterable<GPUCommandBuffer>): void {
    this.log.push(['submit', [...buffers].map((buffer) => buffer.label)]);
  }
  writeBuffer(buffer: GPUBuffer): void {
    this.log.push(['writeBuffer', buffer.label]);
  }
  onSubmittedWorkDone(): Promise<undefined> {
    this.log.push(['onSubmittedWorkDone']);
    return Promise.resolve(undefined);
  }
}

const commands = (...labels: string[]) => labels.map((label) => ({ label }) as GPUCommandBuffer);
const buffer = (label: string) => ({ label }) as GPUBuffer;

function joined<T>(queue: LoggingQueue, body: (gpu: GPUQueue) => Promise<T>, buffersPerSubmit?: number): Promise<T> {
  const gpu = queue as unknown as GPUQueue;
  return withJoinedSubmits(gpu, () => body(gpu), buffersPerSubmit);
}

describe('withJoinedSubmits', () => {
  it('submits what one task submitted as one submit, in order, at the end of that task', async () => {
    const queue = new LoggingQueue();
    const seenInTask: number[] = [];
    await joined(queue, async (gpu) => {
      for (let chunk = 0; chunk < 3; chunk++) gpu.submit(commands(`a${chunk}`, `b${chunk}`));
      seenInTask.push(queue.log.length);
      await new Promise((resolve) => setTimeout(resolve, 0));
      gpu.submit(commands('later'));
    });
    assert.deepEqual(seenInTask, [0]);
    assert.deepEqual(queue.log, [
      ['submit', ['a0', 'b0', 'a1', 'b1', 'a2', 'b2']],
      ['submit', ['later']],
    ]);
  });

  it('submits as many buffers at a time as asked, the rest at the end of the task; one at a time is as they came', async () => {
    const submitFive = async (gpu: GPUQueue) => {
      for (const label of ['k1', 'k2', 'k3', 'k4', 'k5']) gpu.submit(commands(label));
    };
    const inTwos = new LoggingQueue();
    await joined(inTwos, submitFive, 2);
    assert.deepEqual(inTwos.log, [
      ['submit', ['k1', 'k2']],
      ['submit', ['k3', 'k4']],
      ['submit', ['k5']],
    ]);
    const asTheyCame = new LoggingQueue();
    await joined(asTheyCame, submitFive, 1);
    assert.deepEqual(
      asTheyCame.log,
      ['k1', 'k2', 'k3', 'k4', 'k5'].map((label) => ['submit', [label]]),
    );
  });

  it('submits held work before a write or a wait that must come after it', async () => {
    const queue = new LoggingQueue();
    await joined(queue, async (gpu) => {
      gpu.submit(commands('step'));
      gpu.writeBuffer(buffer('next input'), 0, new Uint8Array(4));
      gpu.submit(commands('after the write'));
      await gpu.onSubmittedWorkDone();
    });
    assert.deepEqual(queue.log, [['submit', ['step']], ['writeBuffer', 'next input'], ['submit', ['after the write']], ['onSubmittedWorkDone']]);
  });

  it('leaves the queue as it was, and submits what is held, when the body throws', async () => {
    const queue = new LoggingQueue();
    await assert.rejects(
      joined(queue, async (gpu) => {
        gpu.submit(commands('before the error'));
        throw new Error('run failed');
      }),
      /run failed/,
    );
    assert.deepEqual(queue.log, [['submit', ['before the error']]]);
    assert.deepEqual(Object.keys(queue), ['log']);
    (queue as unknown as GPUQueue).submit(commands('plain'));
    assert.deepEqual(queue.log.at(-1), ['submit', ['plain']]);
  });

  it('lets an outer call do the joining for a nested one', async () => {
    const queue = new LoggingQueue();
    const result = await joined(queue, async (gpu) => {
      gpu.submit(commands('outer'));
      return joined(queue, async (inner) => {
        inner.submit(commands('inner'));
        return 'done';
      });
    });
    assert.equal(result, 'done');
    assert.deepEqual(queue.log, [['submit', ['outer', 'inner']]]);
    assert.deepEqual(Object.keys(queue), ['log']);
  });
});
