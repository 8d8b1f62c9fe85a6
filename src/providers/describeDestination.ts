/**
 * Where the text a user sends goes, in the words of the status bar item (and, later, the chat
 * panel): a lock for this machine, a cloud when prompts and images leave it, with the host.
 * Pure, so the wording is testable.
 */
import type { ProviderModelInfo } from './provider';
import type { ProviderId } from './providerSwitch';

export interface DestinationView {
  text: string;
  tooltip: string;
  /** True when prompts leave this machine. */
  leavesMachine: boolean;
}

const CHOOSE = 'Click to choose where Inkwell generates.';

/** `info` is what the chosen remote provider says of itself, or why it could not say (bad settings). */
export function describeDestination(id: ProviderId, info?: ProviderModelInfo | { problem: string }): DestinationView {
  if (id === 'local') {
    return { text: '$(lock) Local', tooltip: `Inkwell generates on this machine: nothing you write leaves it.\n${CHOOSE}`, leavesMachine: false };
  }
  const service = id === 'gemini' ? 'Gemini API' : 'OpenAI-compatible server';
  if (!info || 'problem' in info) {
    const problem = info ? ` ${info.problem}` : '';
    return { text: `$(warning) ${service}`, tooltip: `Inkwell is set to use the ${service}, which cannot be used as set up.${problem}\n${CHOOSE}`, leavesMachine: true };
  }
  if (info.destination.startsWith('this machine')) {
    return {
      text: `$(server) ${info.name}`,
      tooltip: `Inkwell sends prompts to the ${service} on ${info.destination}, model ${info.name}: nothing leaves this machine.\n${CHOOSE}`,
      leavesMachine: false,
    };
  }
  return {
    text: `$(cloud-upload) ${id === 'gemini' ? 'Gemini' : info.destination} · ${info.name}`,
    tooltip: `Inkwell sends your prompts, selections and images to ${info.destination} (${service}, model ${info.name}).\n${CHOOSE}`,
    leavesMachine: true,
  };
}
