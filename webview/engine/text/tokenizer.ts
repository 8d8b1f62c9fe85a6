import { Tokenizer } from '@huggingface/tokenizers';
import type { ModelFiles } from '../api';
import { readJsonFile } from '../model/readJsonFile';

/** The subset of `tokenizer_config.json` the engine reads. */
export interface TokenizerConfig {
  chat_template?: string | Array<{ name: string; template: string }>;
  [key: string]: unknown;
}

/** A loaded tokenizer plus the config that the chat template and special tokens come from. */
export interface TextTokenizer {
  readonly config: TokenizerConfig;
  encode(text: string, addSpecialTokens: boolean): number[];
  decode(ids: readonly number[], skipSpecialTokens: boolean): string;
  tokenId(token: string): number | undefined;
}

export async function loadTokenizer(files: ModelFiles): Promise<TextTokenizer> {
  const [json, config] = await Promise.all([
    readJsonFile<object>(files, 'tokenizer.json'),
    readJsonFile<TokenizerConfig>(files, 'tokenizer_config.json'),
  ]);
  const tokenizer = new Tokenizer(json, config);
  return {
    config,
    encode: (text, addSpecialTokens) => tokenizer.encode(text, { add_special_tokens: addSpecialTokens }).ids,
    // @huggingface/tokenizers throws on no ids; a generation aborted during its prefill has none.
    decode: (ids, skipSpecialTokens) => (ids.length === 0 ? '' : tokenizer.decode([...ids], { skip_special_tokens: skipSpecialTokens })),
    tokenId: (token) => tokenizer.token_to_id(token),
  };
}
