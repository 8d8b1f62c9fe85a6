import type { TextTokenizer } from '../../webview/engine/text/tokenizer';
import { Tokenizer } from '@huggingface/tokenizers';
import { BYTE_TO_CHAR } from '../../scripts/fixtures/tokenizer/byteLevelAlphabet';

/**
 * A byte-level BPE tokenizer with one token per byte and no merges, plus an `<eos>` special
 * token (id 256): every multi-byte character is split across tokens, which is what streaming
 * must get right.
 */
export function byteLevelTokenizer(): TextTokenizer {
  const vocab: Record<string, number> = {};
  BYTE_TO_CHAR.forEach((ch, id) => (vocab[ch] = id));
  const json = {
    version: '1.0',
    added_tokens: [{ id: 256, content: '<eos>', single_word: false, lstrip: false, rstrip: false, normalized: false, special: true }],
    normalizer: null,
    pre_tokenizer: { type: 'ByteLevel', add_prefix_space: false, trim_offsets: true, use_regex: true },
    post_processor: null,
    decoder: { type: 'ByteLevel', add_prefix_space: true, trim_offsets: true, use_regex: true },
    model: { type: 'BPE', dropout: null, unk_token: null, continuing_subword_prefix: null, end_of_word_suffix: null, fuse_unk: false, byte_fallback: false, vocab, merges: [] },
  };
  const config = { eos_token: '<eos>' };
  const tokenizer = new Tokenizer(json, config);
  return {
    config,
    encode: (text, addSpecialTokens) => tokenizer.encode(text, { add_special_tokens: addSpecialTokens }).ids,
    decode: (ids, skipSpecialTokens) => tokenizer.decode([...ids], { skip_special_tokens: skipSpecialTokens }),
    tokenId: (token) => tokenizer.token_to_id(token),
  };
}
