#!/usr/bin/env node
/**
 * Writes a synthetic GGUF v3 file: a tiny `llama`-architecture model with seeded random weights and a
 * SentencePiece-style (`llama`) vocabulary of any size (128,000 tokens by default), for benchmarking
 * what a large vocabulary costs (full-vocabulary logprobs, top-k) without downloading a real model.
 * The text it generates is noise; only its shape is realistic.
 *
 *   node scripts/make-synthetic-gguf.mjs --out /tmp/synthetic-128k.gguf [--vocab 128000] [--layers 2]
 *        [--embd 64] [--ff 128] [--heads 4] [--kv-heads 2] [--context 2048] [--type f16|f32] [--seed 1]
 *
 * Plain Node ESM with no dependencies, so it runs before anything is built. Layout (ggml/docs/gguf.md):
 * header (magic "GGUF", version 3, tensor count, metadata count), metadata key/values, tensor infos
 * (name, dims innermost first, ggml type, offset into the data section), padding to `general.alignment`,
 * then each tensor's bytes at its aligned offset. ggml lists dimensions innermost first, so a row-major
 * [vocab][embd] matrix has dims [embd, vocab].
 */
import { closeSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const ALIGNMENT = 32;
const GGML_F32 = 0;
const GGML_F16 = 1;
/** GGUF metadata value types. */
const T = { u32: 4, i32: 5, f32: 6, bool: 7, string: 8, array: 9 };
/** llama.cpp token types. */
const TOKEN_NORMAL = 1;
const TOKEN_UNKNOWN = 2;
const TOKEN_CONTROL = 3;
const TOKEN_BYTE = 6;

/** Defaults: 128k vocabulary, embedding 64, 2 layers, F16 matrices (about 33 MB). */
export const syntheticDefaults = Object.freeze({
  vocab: 128_000,
  layers: 2,
  embd: 64,
  ff: 128,
  heads: 4,
  kvHeads: 2,
  context: 2048,
  type: 'f16',
  seed: 1,
});

/**
 * The vocabulary: `<unk>`, `<s>`, `</s>`, the 256 byte tokens `<0x00>`..`<0xFF>` (so any text
 * tokenizes through byte fallback), then generated pieces: printable ASCII characters, `▁`, and
 * lower-case letter strings of growing length, each alone and with the `▁` word prefix. Every piece of
 * length n > 1 has its prefix of length n - 1 earlier in the list, so SentencePiece merges can reach it.
 */
export function syntheticVocabulary(size) {
  if (!Number.isInteger(size) || size < 300)
    throw new Error(`--vocab must be an integer >= 300, got ${size}`);
  const tokens = ['<unk>', '<s>', '</s>'];
  const types = [TOKEN_UNKNOWN, TOKEN_CONTROL, TOKEN_CONTROL];
  for (let b = 0; b < 256; b++) {
    tokens.push(`<0x${b.toString(16).toUpperCase().padStart(2, '0')}>`);
    types.push(TOKEN_BYTE);
  }
  const seen = new Set(tokens);
  const add = (piece) => {
    if (tokens.length >= size || seen.has(piece)) return;
    seen.add(piece);
    tokens.push(piece);
    types.push(TOKEN_NORMAL);
  };
  add('▁');
  for (let c = 33; c < 127; c++) add(String.fromCharCode(c));
  const letters = 'etaoinshrdlucmfwypvbgkjqxz';
  let level = [''];
  while (tokens.length < size) {
    const next = [];
    for (const stem of level) {
      for (const letter of letters) {
        const piece = stem + letter;
        next.push(piece);
        add(piece);
        add(`▁${piece}`);
        if (tokens.length >= size) break;
      }
      if (tokens.length >= size) break;
    }
    level = next;
  }
  // Scores order SentencePiece merges: the earlier (shorter) piece wins, as in llama2.c vocabularies.
  const scores = tokens.map((_, id) => (types[id] === TOKEN_NORMAL ? -id : 0));
  return { tokens, types, scores };
}

/** mulberry32: a small seeded PRNG with uniform floats in [0, 1). */
function createRandom(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const f32Scratch = new Float32Array(1);
const u32Scratch = new Uint32Array(f32Scratch.buffer);

/** IEEE 754 binary16 bits of a float (round to nearest even; values here are small and finite). */
function toHalf(value) {
  f32Scratch[0] = value;
  const x = u32Scratch[0];
  const sign = (x >>> 16) & 0x8000;
  const exp = (x >>> 23) & 0xff;
  let mant = x & 0x7fffff;
  if (exp === 0xff) return sign | 0x7c00 | (mant ? 0x200 : 0);
  const e = exp - 127 + 15;
  if (e >= 0x1f) return sign | 0x7c00;
  if (e <= 0) {
    if (e < -10) return sign;
    mant |= 0x800000;
    const shift = 14 - e;
    const half = mant >>> shift;
    const rest = mant & ((1 << shift) - 1);
    const mid = 1 << (shift - 1);
    return sign | (rest > mid || (rest === mid && half & 1) ? half + 1 : half);
  }
  const half = (e << 10) | (mant >>> 13);
  const rest = mant & 0x1fff;
  return sign | (rest > 0x1000 || (rest === 0x1000 && half & 1) ? half + 1 : half);
}

/** Little-endian byte writer that grows as needed (for the header, metadata and tensor infos). */
class ByteWriter {
  constructor() {
    this.buffer = Buffer.alloc(1 << 20);
    this.length = 0;
  }
  ensure(n) {
    if (this.length + n <= this.buffer.length) return;
    const bigger = Buffer.alloc(Math.max(this.buffer.length * 2, this.length + n));
    this.buffer.copy(bigger, 0, 0, this.length);
    this.buffer = bigger;
  }
  u32(v) {
    this.ensure(4);
    this.length = this.buffer.writeUInt32LE(v, this.length);
  }
  i32(v) {
    this.ensure(4);
    this.length = this.buffer.writeInt32LE(v, this.length);
  }
  u64(v) {
    this.ensure(8);
    this.length = this.buffer.writeBigUInt64LE(BigInt(v), this.length);
  }
  f32(v) {
    this.ensure(4);
    this.length = this.buffer.writeFloatLE(v, this.length);
  }
  u8(v) {
    this.ensure(1);
    this.length = this.buffer.writeUInt8(v, this.length);
  }
  string(s) {
    const bytes = Buffer.from(s, 'utf8');
    this.u64(bytes.length);
    this.ensure(bytes.length);
    bytes.copy(this.buffer, this.length);
    this.length += bytes.length;
  }
  pad(alignment) {
    while (this.length % alignment !== 0) this.u8(0);
  }
  bytes() {
    return this.buffer.subarray(0, this.length);
  }
}

/** Writes one metadata value of GGUF type `type` (for arrays: `[elementType, values]`). */
function writeValue(w, type, value) {
  switch (type) {
    case T.u32:
      return w.u32(value);
    case T.i32:
      return w.i32(value);
    case T.f32:
      return w.f32(value);
    case T.bool:
      return w.u8(value ? 1 : 0);
    case T.string:
      return w.string(value);
    case T.array: {
      const [elementType, values] = value;
      w.u32(elementType);
      w.u64(values.length);
      for (const v of values) writeValue(w, elementType, v);
      return undefined;
    }
    default:
      throw new Error(`unsupported GGUF value type ${type}`);
  }
}

/** The tensors of a llama model, in llama.cpp's naming, with ggml dims (innermost first). */
function tensorList(o) {
  const headDim = o.embd / o.heads;
  const kvDim = headDim * o.kvHeads;
  const matrix = o.type === 'f32' ? GGML_F32 : GGML_F16;
  const list = [
    { name: 'token_embd.weight', dims: [o.embd, o.vocab], type: matrix, init: 'embedding' },
    { name: 'output_norm.weight', dims: [o.embd], type: GGML_F32, init: 'ones' },
    { name: 'output.weight', dims: [o.embd, o.vocab], type: matrix, init: 'linear' },
  ];
  for (let i = 0; i < o.layers; i++) {
    const p = `blk.${i}.`;
    list.push(
      { name: `${p}attn_norm.weight`, dims: [o.embd], type: GGML_F32, init: 'ones' },
      { name: `${p}attn_q.weight`, dims: [o.embd, o.embd], type: matrix, init: 'linear' },
      { name: `${p}attn_k.weight`, dims: [o.embd, kvDim], type: matrix, init: 'linear' },
      { name: `${p}attn_v.weight`, dims: [o.embd, kvDim], type: matrix, init: 'linear' },
      { name: `${p}attn_output.weight`, dims: [o.embd, o.embd], type: matrix, init: 'linear' },
      { name: `${p}ffn_norm.weight`, dims: [o.embd], type: GGML_F32, init: 'ones' },
      { name: `${p}ffn_gate.weight`, dims: [o.embd, o.ff], type: matrix, init: 'linear' },
      { name: `${p}ffn_up.weight`, dims: [o.embd, o.ff], type: matrix, init: 'linear' },
      { name: `${p}ffn_down.weight`, dims: [o.ff, o.embd], type: matrix, init: 'linear' },
    );
  }
  for (const t of list) {
    const count = t.dims.reduce((a, b) => a * b, 1);
    t.count = count;
    t.size = count * (t.type === GGML_F32 ? 4 : 2);
  }
  return list;
}

/** The tensor's bytes: norms are 1; matrices uniform in ±1/sqrt(fan-in) (embeddings ±1). */
function tensorBytes(t, random) {
  const bytes = Buffer.alloc(t.size);
  const scale = t.init === 'embedding' ? 1 : 1 / Math.sqrt(t.dims[0]);
  if (t.type === GGML_F32) {
    const values = new Float32Array(bytes.buffer, bytes.byteOffset, t.count);
    for (let i = 0; i < t.count; i++) values[i] = t.init === 'ones' ? 1 : (random() * 2 - 1) * scale;
  } else {
    const values = new Uint16Array(bytes.buffer, bytes.byteOffset, t.count);
    for (let i = 0; i < t.count; i++) values[i] = toHalf((random() * 2 - 1) * scale);
  }
  return bytes;
}

function checkOptions(o) {
  for (const key of ['vocab', 'layers', 'embd', 'ff', 'heads', 'kvHeads', 'context', 'seed']) {
    if (!Number.isInteger(o[key]) || o[key] < 1)
      throw new Error(`${key} must be a positive integer, got ${o[key]}`);
  }
  if (o.embd % o.heads !== 0) throw new Error(`embd (${o.embd}) must be a multiple of heads (${o.heads})`);
  if (o.heads % o.kvHeads !== 0)
    throw new Error(`heads (${o.heads}) must be a multiple of kvHeads (${o.kvHeads})`);
  if ((o.embd / o.heads) % 2 !== 0) throw new Error(`embd / heads (${o.embd / o.heads}) must be even (RoPE)`);
  if (o.type !== 'f16' && o.type !== 'f32') throw new Error(`type must be f16 or f32, got ${o.type}`);
}

/**
 * Writes the model to `out` (through a temporary file renamed at the end, so a reader never sees a
 * half-written file). Returns what was written.
 */
export function writeSyntheticGguf(options) {
  const o = { ...syntheticDefaults, ...options };
  if (typeof o.out !== 'string' || o.out === '') throw new Error('out (the path to write) is required');
  checkOptions(o);
  const vocab = syntheticVocabulary(o.vocab);
  const metadata = [
    ['general.architecture', T.string, 'llama'],
    ['general.name', T.string, `synthetic-${o.vocab}`],
    ['general.alignment', T.u32, ALIGNMENT],
    ['llama.context_length', T.u32, o.context],
    ['llama.embedding_length', T.u32, o.embd],
    ['llama.block_count', T.u32, o.layers],
    ['llama.feed_forward_length', T.u32, o.ff],
    ['llama.attention.head_count', T.u32, o.heads],
    ['llama.attention.head_count_kv', T.u32, o.kvHeads],
    ['llama.rope.dimension_count', T.u32, o.embd / o.heads],
    ['llama.attention.layer_norm_rms_epsilon', T.f32, 1e-5],
    ['llama.vocab_size', T.u32, o.vocab],
    ['tokenizer.ggml.model', T.string, 'llama'],
    ['tokenizer.ggml.tokens', T.array, [T.string, vocab.tokens]],
    ['tokenizer.ggml.scores', T.array, [T.f32, vocab.scores]],
    ['tokenizer.ggml.token_type', T.array, [T.i32, vocab.types]],
    ['tokenizer.ggml.unknown_token_id', T.u32, 0],
    ['tokenizer.ggml.bos_token_id', T.u32, 1],
    ['tokenizer.ggml.eos_token_id', T.u32, 2],
    ['tokenizer.ggml.add_bos_token', T.bool, true],
    ['tokenizer.ggml.add_eos_token', T.bool, false],
  ];
  const tensors = tensorList(o);

  const w = new ByteWriter();
  w.u32(0x46554747); // "GGUF" little-endian
  w.u32(3);
  w.u64(tensors.length);
  w.u64(metadata.length);
  for (const [key, type, value] of metadata) {
    w.string(key);
    w.u32(type);
    writeValue(w, type, value);
  }
  let offset = 0;
  for (const t of tensors) {
    t.offset = offset;
    w.string(t.name);
    w.u32(t.dims.length);
    for (const d of t.dims) w.u64(d);
    w.u32(t.type);
    w.u64(offset);
    offset += Math.ceil(t.size / ALIGNMENT) * ALIGNMENT;
  }
  w.pad(ALIGNMENT);

  const random = createRandom(o.seed);
  const temp = `${o.out}.${process.pid}.partial`;
  const fd = openSync(temp, 'w');
  let bytes = 0;
  try {
    bytes += writeSync(fd, w.bytes());
    for (const t of tensors) {
      bytes += writeSync(fd, tensorBytes(t, random));
      const padding = Math.ceil(t.size / ALIGNMENT) * ALIGNMENT - t.size;
      if (padding > 0) bytes += writeSync(fd, Buffer.alloc(padding));
    }
    closeSync(fd);
    renameSync(temp, o.out);
  } catch (error) {
    try {
      closeSync(fd);
    } catch {}
    rmSync(temp, { force: true });
    throw error;
  }
  return {
    path: o.out,
    bytes,
    vocab: o.vocab,
    tensors: tensors.map((t) => ({ name: t.name, dims: t.dims })),
  };
}

const flagNames = {
  '--out': 'out',
  '--vocab': 'vocab',
  '--layers': 'layers',
  '--embd': 'embd',
  '--ff': 'ff',
  '--heads': 'heads',
  '--kv-heads': 'kvHeads',
  '--context': 'context',
  '--type': 'type',
  '--seed': 'seed',
};

function parseArgs(argv) {
  const options = {};
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split('=', 2);
    const key = flagNames[flag];
    if (!key) throw new Error(`unknown option ${argv[i]}; options: ${Object.keys(flagNames).join(' ')}`);
    const value = inline ?? argv[++i];
    if (value === undefined) throw new Error(`${flag} needs a value`);
    options[key] = key === 'out' || key === 'type' ? value : Number(value);
  }
  return options;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    const started = performance.now();
    const result = writeSyntheticGguf(parseArgs(process.argv.slice(2)));
    const ms = Math.round(performance.now() - started);
    console.log(
      `wrote ${result.path}: ${result.vocab} tokens, ${(result.bytes / 1e6).toFixed(1)} MB in ${ms} ms`,
    );
  } catch (error) {
    console.error(`make-synthetic-gguf: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}
