/**
 * Downloads one file into a `.part` file, resuming with a Range request from the byte it reached
 * whenever the connection drops or stalls, then checks its size and digest. A file that fails the
 * check is deleted at once: its bytes are known to be wrong, so resuming from them is pointless.
 */
import { open, rm, stat } from 'node:fs/promises';
import type { ExpectedFile } from '../common/checkAgainstCatalog';
import { ModelsError } from '../common/modelsError';
import { withRetries, type RetryPolicy } from '../common/retryPolicy';
import { digestOfFile } from './fileDigest';
import type { HubClient } from './hubClient';

export interface FetchFileJob {
  repo: string;
  /** A commit, so every file of one download comes from the same revision. */
  revision: string;
  expected: ExpectedFile;
  partPath: string;
  /** Bytes written (negative when bytes already counted are thrown away). */
  onBytes: (delta: number) => void;
  onRetry: (error: ModelsError, waitMs: number) => void;
}

export async function fetchFile(client: HubClient, job: FetchFileJob, retry: RetryPolicy, signal: AbortSignal): Promise<void> {
  await withRetries(() => fetchRemainder(client, job, signal), retry, signal, job.onRetry);
  await verify(job);
}

/** Bytes already in a `.part` file; 0 when there is none. */
export async function partSize(path: string): Promise<number> {
  return stat(path).then((info) => info.size, () => 0);
}

async function fetchRemainder(client: HubClient, job: FetchFileJob, signal: AbortSignal): Promise<void> {
  const file = { repo: job.repo, revision: job.revision, path: job.expected.path };
  let offset = await partSize(job.partPath);
  if (offset > job.expected.size) {
    await rm(job.partPath, { force: true });
    job.onBytes(-offset);
    offset = 0;
  }
  if (offset === job.expected.size) return;
  const content = await client.content(file, offset, signal);
  if (content.status === 206 && content.start !== offset) {
    content.body.destroy();
    throw new ModelsError('server-error', `The server answered the request for ${job.expected.path} from byte ${offset} with bytes from ${content.start}.`, { file: job.expected.path });
  }
  if (content.status === 200 && offset > 0) {
    // The server ignored the Range and sends the whole file: what the .part holds is written again.
    job.onBytes(-offset);
    offset = 0;
  }
  // Each chunk is counted once it is on disk, so the count and the .part file agree when the
  // connection drops, and the next try asks for exactly the bytes that are missing.
  const part = await open(job.partPath, offset > 0 ? 'a' : 'w');
  try {
    for await (const chunk of content.body as AsyncIterable<Buffer>) {
      await part.write(chunk);
      job.onBytes(chunk.length);
    }
  } catch (error) {
    throw client.describeFailure(error, file, signal);
  } finally {
    await part.close();
  }
  const written = await partSize(job.partPath);
  if (written < job.expected.size) {
    throw new ModelsError('network', `The connection closed after ${written} of ${job.expected.size} bytes of ${job.expected.path}.`, { file: job.expected.path });
  }
}

async function verify(job: FetchFileJob): Promise<void> {
  const { path, size, digest } = job.expected;
  const actualSize = await partSize(job.partPath);
  const actual = await digestOfFile(job.partPath, digest.algorithm);
  if (actualSize === size && actual === digest.value) return;
  await rm(job.partPath, { force: true });
  job.onBytes(-actualSize);
  throw new ModelsError(
    'hash-mismatch',
    `${path} of ${job.repo} failed verification: it has ${actualSize} bytes with ${digest.algorithm} ${actual}, but should have ${size} bytes with ${digest.value}. Inkwell deleted the damaged download; downloading again starts it afresh.`,
    { file: path },
  );
}
