/**
 * The provider behind `services.provider`: delegates each call to the provider `inkwell.provider`
 * names at that moment, so every surface follows the setting without holding a reference to
 * one provider.
 */
import type * as vscode from 'vscode';
import type { GenerationOutcome, GenerationProvider, GenerationRequest, ProviderModelInfo } from './provider';

export type ProviderId = GenerationProvider['id'];

export class ProviderSwitch implements GenerationProvider {
  constructor(
    private readonly providers: Readonly<Record<ProviderId, GenerationProvider>>,
    private readonly chosen: () => ProviderId,
  ) {}

  get id(): ProviderId {
    return this.chosen();
  }

  private get current(): GenerationProvider {
    return this.providers[this.chosen()];
  }

  describeModel(purpose: GenerationRequest['purpose']): Promise<ProviderModelInfo> {
    return this.current.describeModel(purpose);
  }

  generate(request: GenerationRequest, onDelta: (delta: string) => void, token: vscode.CancellationToken): Promise<GenerationOutcome> {
    return this.current.generate(request, onDelta, token);
  }
}
