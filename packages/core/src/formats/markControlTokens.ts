import type { Token } from '../model/Token.js';

/**
 * Token texts that have the shape of a control token: `<|eot_id|>`, `<|im_end|>`, `<|endoftext|>`,
 * `<|end|>` (any `<|name|>`, also DeepSeek's full-width `<｜name｜>`), and the bare-bracket names of
 * SentencePiece and Gemma vocabularies (`</s>`, `<eos>`, `<end_of_turn>`, ...) and BERT-style ones.
 */
const CONTROL_SHAPES = [
  /^<\|[^<>|\s]{1,64}\|>$/,
  /^<｜[^<>｜\s]{1,64}｜>$/,
  /^<\/?(?:s|eos|bos|pad|unk|eot|mask|end_of_turn|start_of_turn|end_of_text|begin_of_text)>$/i,
  /^\[(?:EOS|BOS|PAD|UNK|SEP|CLS|MASK)\]$/,
];

/** True when `text` has the shape of a control token (see `CONTROL_SHAPES`). */
export function isControlShaped(text: string): boolean {
  return CONTROL_SHAPES.some((shape) => shape.test(text));
}

/**
 * Marks the control tokens of a completion: end of turn / end of text and other control tokens that
 * are not part of the response text. A token is one when it is already marked, when the provider
 * says it is special and it has no text or the response text lacks it, or when it has the shape of a
 * control token (`isControlShaped`) and `responseText` does not hold it at that place (vLLM, Together
 * and TGI list the `<|eot_id|>` that ended a Llama answer; `message.content` leaves it out). Without a
 * response text only the provider's `special` flag counts: the shape alone cannot tell a control
 * token from a model that wrote `</s>`.
 *
 * A control token gets `text: ''`, `bytes: []`, `control: true`, and `rawText` holds its text, so
 * the tokens still concatenate to the response text. Other tokens are returned unchanged. The last
 * token also counts when it has neither text nor bytes (`isNameless`): an end of generation listed
 * without its name.
 */
export function markControlTokens(tokens: readonly Token[], responseText?: string): Token[] {
  let position = 0;
  const last = tokens.length - 1;
  return tokens.map((token, i) => {
    const raw = token.rawText ?? token.text;
    if (token.control) return token;
    if (i === last && responseText !== undefined && isNameless(token)) return toControl(token, raw);
    const special = token.special === true;
    if (!special && !isControlShaped(raw)) {
      position += token.text.length;
      return token;
    }
    const inText =
      raw !== '' && (responseText === undefined ? !special : responseText.startsWith(raw, position));
    if (inText) {
      position += token.text.length;
      return token;
    }
    return toControl(token, raw);
  });
}

/**
 * A token with no text and no bytes at all: how llama.cpp's server (a piece printed without special
 * tokens) and vLLM with `skip_special_tokens` list the end-of-generation token that ended an answer.
 * Only the last token of an answer with a known text counts: a token in the middle with empty bytes
 * is a server's bug (a split character), not a control token.
 */
function isNameless(token: Token): boolean {
  return token.text === '' && token.rawText === undefined && token.bytes !== null && token.bytes.length === 0;
}

function toControl(token: Token, raw: string): Token {
  const control: Token = { ...token, text: '', bytes: [], control: true };
  if (raw !== '') control.rawText = raw;
  else delete control.rawText;
  return control;
}
