import { utf8Decode, utf8Encode } from '@tokenscope/core';
import type { LlamaModel, Token as LlamaToken } from 'node-llama-cpp';
import { UntokenizableTextError } from '../errors/UntokenizableTextError.js';
import { gpt2Bytes } from './gpt2ByteDecoder.js';

/** What a token contributes to generated text. */
export interface Piece {
  /** The piece decoded as UTF-8; U+FFFD where it holds part of a character. */
  readonly text: string;
  /** The piece's real UTF-8 bytes (empty for control tokens). */
  readonly bytes: readonly number[];
  /** Control / end-of-generation tokens: no text of their own. */
  readonly special: boolean;
}

/** How an alternative is shown: its piece, or its token string for a control token (`</s>`). */
export interface AlternativeText {
  readonly text: string;
  readonly bytes: number[] | null;
}

const BYTE_TOKEN = /^<0x([0-9A-Fa-f]{2})>$/;

/** node-llama-cpp brands token ids; ours are plain numbers. */
const asToken = (id: number): LlamaToken => id as LlamaToken;

/**
 * The model's vocabulary as pieces with their real bytes, built lazily per token and cached.
 *
 * `model.detokenize([id])` cannot give a token's bytes: llama.cpp drops the leading space of the
 * first token, and the addon turns bytes that are not valid UTF-8 into U+FFFD. So a piece is read
 * after an anchor token (which keeps its leading space), and where it holds part of a character the
 * bytes come from the vocabulary string: `<0xE2>` byte-fallback tokens (SentencePiece) or GPT-2's
 * byte-to-character map (byte-level BPE).
 */
export class Vocabulary {
  readonly size: number;
  private readonly model: LlamaModel;
  private readonly modelId: string;
  private readonly pieces: Array<Piece | undefined>;
  private readonly alternatives: Array<AlternativeText | undefined>;
  private anchor: { id: number; text: string } | null | undefined;
  private safeCharacters: Set<string> | null | undefined;
  private eog: Uint32Array | undefined;

  constructor(model: LlamaModel, modelId: string) {
    this.model = model;
    this.modelId = modelId;
    this.size = model.fileInfo.metadata?.tokenizer?.ggml?.tokens?.length ?? 0;
    this.pieces = new Array(this.size);
    this.alternatives = new Array(this.size);
  }

  piece(id: number): Piece {
    let piece = this.pieces[id];
    if (piece === undefined) {
      piece = Object.freeze(this.readPiece(id));
      Object.freeze(piece.bytes);
      this.pieces[id] = piece;
    }
    return piece;
  }

  /** Text and bytes for a top-k alternative. Control tokens show their token string, with no bytes. */
  alternative(id: number): AlternativeText {
    let alt = this.alternatives[id];
    if (alt === undefined) {
      const piece = this.piece(id);
      alt =
        piece.special && piece.bytes.length === 0
          ? { text: this.tokenString(id), bytes: null }
          : { text: piece.text, bytes: piece.bytes as number[] };
      this.alternatives[id] = Object.freeze(alt);
    }
    return alt;
  }

  isEog(id: number): boolean {
    return this.model.isEogToken(asToken(id));
  }

  /** Every end-of-generation token id (EOS, EOT, ...), read once. */
  eogIds(): Uint32Array {
    if (this.eog === undefined) {
      const ids: number[] = [];
      for (let id = 0; id < this.size; id++) if (this.isEog(id)) ids.push(id);
      this.eog = Uint32Array.from(ids);
    }
    return this.eog;
  }

  /**
   * Throws `UntokenizableTextError` for a character that a SentencePiece vocabulary without byte
   * fallback cannot encode: llama.cpp's tokenizer would call `std::abort` on it (see PROVENANCE.md).
   * Conservative: a character counts as encodable when it is a token by itself.
   */
  assertTokenizable(text: string): void {
    const safe = this.safeCharacterSet();
    if (safe === null) return;
    for (const char of text) {
      if (!safe.has(char)) throw new UntokenizableTextError(char, this.modelId);
    }
  }

  private safeCharacterSet(): Set<string> | null {
    if (this.safeCharacters !== undefined) return this.safeCharacters;
    const native = this.nativeModel();
    let result: Set<string> | null = null;
    if (this.model.vocabularyType === 'spm' && this.size > 0) {
      const singles = new Set<string>();
      let hasByteTokens = false;
      for (let id = 0; id < this.size; id++) {
        if (this.model.getTokenAttributes(asToken(id)).byte) {
          hasByteTokens = true;
          break;
        }
        const str = native.getTokenString(id) ?? '';
        const chars = [...str];
        if (chars.length === 1) singles.add(chars[0] === '\u2581' ? ' ' : chars[0]!);
      }
      if (!hasByteTokens) result = singles;
    }
    this.safeCharacters = result;
    return result;
  }

  private readPiece(id: number): Piece {
    const attributes = this.model.getTokenAttributes(asToken(id));
    if (attributes.control || this.isEog(id)) return { text: '', bytes: [], special: true };
    const str = this.tokenString(id);
    if (attributes.byte) {
      const match = BYTE_TOKEN.exec(str);
      if (match) {
        const bytes = [Number.parseInt(match[1]!, 16)];
        return { text: utf8Decode(bytes), bytes, special: false };
      }
    }
    if (this.model.vocabularyType === 'bpe' && !attributes.userDefined) {
      const bytes = gpt2Bytes(str);
      if (bytes) return { text: utf8Decode(bytes), bytes, special: false };
    }
    const text = this.detokenizeAfterAnchor(id);
    return { text, bytes: utf8Encode(text), special: false };
  }

  /** The piece as llama.cpp's `token_to_piece` gives it (leading space kept), via the anchor. */
  private detokenizeAfterAnchor(id: number): string {
    const anchor = this.findAnchor();
    if (anchor === null) return this.model.detokenize([asToken(id)]);
    const both = this.model.detokenize([asToken(anchor.id), asToken(id)]);
    return both.startsWith(anchor.text)
      ? both.slice(anchor.text.length)
      : this.model.detokenize([asToken(id)]);
  }

  /** A normal token with plain text, put before a token so that its leading space survives. */
  private findAnchor(): { id: number; text: string } | null {
    if (this.anchor !== undefined) return this.anchor;
    this.anchor = null;
    const limit = Math.min(this.size, 4096);
    for (let id = 0; id < limit; id++) {
      if (!this.model.getTokenAttributes(asToken(id)).normal) continue;
      const text = this.model.detokenize([asToken(id)]);
      if (/^[A-Za-z]+$/.test(text)) {
        this.anchor = { id, text };
        break;
      }
    }
    return this.anchor;
  }

  private tokenString(id: number): string {
    return this.nativeModel().getTokenString(id) ?? '';
  }

  private nativeModel(): { getTokenString(id: number): string | undefined } {
    return (this.model as unknown as { _model: { getTokenString(id: number): string | undefined } })._model;
  }
}
