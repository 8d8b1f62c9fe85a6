/**
 * Runs one generation for a command behind a cancellable progress notification. Its Cancel
 * button, `inkwell.cancel` (runningGenerations.ts) and the caller's own `stop` token all end it
 * the same way: the provider resolves with what it had, finishReason 'aborted'.
 */
import * as vscode from 'vscode';
import { ProviderError, type GenerationOutcome, type GenerationProvider, type GenerationRequest } from '../providers/provider';
import { runningGenerations } from './runningGenerations';

export type GenerationEnd =
  | { kind: 'complete'; outcome: GenerationOutcome }
  | { kind: 'cancelled' }
  | { kind: 'failed'; error: ProviderError };

export interface GenerationJob {
  /** What the notification says Inkwell is doing ("Improving"). */
  title: string;
  request: GenerationRequest;
  onDelta(delta: string): void;
  /** Stops the generation too, e.g. when the document it writes into changed under it. */
  stop?: vscode.CancellationToken;
}

export async function generateWithProgress(provider: GenerationProvider, job: GenerationJob): Promise<GenerationEnd> {
  const options = { location: vscode.ProgressLocation.Notification, title: `Inkwell: ${job.title}`, cancellable: true };
  return vscode.window.withProgress(options, async (progress, token): Promise<GenerationEnd> => {
    const source = new vscode.CancellationTokenSource();
    const links = [token, job.stop].map((stop) => stop?.onCancellationRequested(() => source.cancel()));
    const untrack = runningGenerations.add(source);
    if (job.stop?.isCancellationRequested) source.cancel();
    // The first request of a session loads the model, which takes a moment even for small ones.
    progress.report({ message: 'starting the model…' });
    let started = false;
    try {
      const outcome = await provider.generate(
        job.request,
        (delta) => {
          if (!started) progress.report({ message: 'writing…' });
          started = true;
          job.onDelta(delta);
        },
        source.token,
      );
      return outcome.finishReason === 'aborted' ? { kind: 'cancelled' } : { kind: 'complete', outcome };
    } catch (error) {
      // Once the user stopped it, how the generation ended is of no interest: an engine that
      // fails on a cancel before its first token must not show an error for it.
      if (source.token.isCancellationRequested) return { kind: 'cancelled' };
      return { kind: 'failed', error: asProviderError(error) };
    } finally {
      for (const link of links) link?.dispose();
      untrack();
      source.dispose();
    }
  });
}

function asProviderError(error: unknown): ProviderError {
  if (error instanceof ProviderError) return error;
  return new ProviderError('engine-failed', `Inkwell could not generate: ${error instanceof Error ? error.message : String(error)}`);
}
