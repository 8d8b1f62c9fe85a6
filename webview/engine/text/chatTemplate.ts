import { Template } from '@huggingface/jinja';
import type { ModelFiles } from '../api';
import { EngineError } from '../errors';
import { readOptionalJsonFile } from '../model/readJsonFile';
import type { TokenizerConfig } from './tokenizer';

/** A message as chat templates see it: Idefics3-style templates want a list of typed parts. */
export interface TemplateMessage {
  role: string;
  content: string | Array<{ type: 'text'; text: string } | { type: 'image' }>;
}

export interface ChatTemplate {
  render(messages: TemplateMessage[], addGenerationPrompt: boolean): string;
}

const SPECIAL_TOKEN_KEYS = ['bos_token', 'eos_token', 'unk_token', 'sep_token', 'pad_token', 'cls_token', 'mask_token'];

/**
 * Finds the template where transformers.js does (tokenizer_config.json, then chat_template.jinja,
 * then chat_template.json, then processor_config.json) and renders it with the same context: messages, add_generation_prompt
 * and the special tokens of tokenizer_config.json.
 */
export async function loadChatTemplate(files: ModelFiles, config: TokenizerConfig): Promise<ChatTemplate | undefined> {
  const source = await findTemplateSource(files, config);
  if (source === undefined) return undefined;
  const template = new Template(source);
  const specialTokens = specialTokensOf(config);
  return {
    render: (messages, addGenerationPrompt) =>
      template.render({ messages, add_generation_prompt: addGenerationPrompt, ...specialTokens }),
  };
}

async function findTemplateSource(files: ModelFiles, config: TokenizerConfig): Promise<string | undefined> {
  const fromConfig = config.chat_template;
  if (typeof fromConfig === 'string') return fromConfig;
  if (Array.isArray(fromConfig)) {
    const named = fromConfig.find((entry) => entry.name === 'default');
    if (!named) {
      throw new EngineError('invalid-model', `tokenizer_config.json in ${files.location} has several chat templates and no "default".`);
    }
    return named.template;
  }
  if (await files.exists('chat_template.jinja')) return files.readText('chat_template.jinja');
  for (const path of ['chat_template.json', 'processor_config.json']) {
    const json = await readOptionalJsonFile<{ chat_template?: string }>(files, path);
    if (typeof json?.chat_template === 'string') return json.chat_template;
  }
  return undefined;
}

function specialTokensOf(config: TokenizerConfig): Record<string, string> {
  const tokens: Record<string, string> = {};
  for (const key of SPECIAL_TOKEN_KEYS) {
    const value = config[key];
    if (typeof value === 'string' && value) tokens[key] = value;
    else if (value && typeof value === 'object' && 'content' in value && typeof value.content === 'string') {
      tokens[key] = value.content;
    }
  }
  return tokens;
}
