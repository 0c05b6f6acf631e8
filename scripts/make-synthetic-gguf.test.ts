import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { getLlama, readGgufFileInfo } from 'node-llama-cpp';
import { afterAll, describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs script without type declarations
import { syntheticVocabulary, writeSyntheticGguf } from './make-synthetic-gguf.mjs';

const dir = mkdtempSync(join(tmpdir(), 'tokenscope-synthetic-'));
const script = fileURLToPath(new URL('./make-synthetic-gguf.mjs', import.meta.url));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('syntheticVocabulary', () => {
  it('has the specials, the 256 byte tokens and unique generated pieces', () => {
    const { tokens, types, scores } = syntheticVocabulary(5000);
    expect(tokens).toHaveLength(5000);
    expect(new Set(tokens).size).toBe(5000);
    expect(tokens.slice(0, 4)).toEqual(['<unk>', '<s>', '</s>', '<0x00>']);
    expect(tokens[258]).toBe('<0xFF>');
    expect(types.filter((t: number) => t === 6)).toHaveLength(256);
    expect(scores).toHaveLength(5000);
  });

  it('reaches 128,000 tokens', () => {
    const { tokens } = syntheticVocabulary(128_000);
    expect(tokens).toHaveLength(128_000);
    expect(new Set(tokens).size).toBe(128_000);
  });
});

describe('writeSyntheticGguf', () => {
  const path = join(dir, 'synthetic-1000.gguf');
  const written = writeSyntheticGguf({
    out: path,
    vocab: 1000,
    layers: 2,
    embd: 32,
    ff: 64,
    heads: 4,
    kvHeads: 2,
  });

  it('writes a GGUF v3 file that node-llama-cpp reads back', async () => {
    expect(readFileSync(path).subarray(0, 4).toString('latin1')).toBe('GGUF');
    const info = await readGgufFileInfo(path, { readTensorInfo: true });
    expect(info.version).toBe(3);
    const md = info.metadata as unknown as Record<string, Record<string, unknown>>;
    expect(md.general).toMatchObject({ architecture: 'llama', alignment: 32 });
    expect(md.llama).toMatchObject({
      context_length: 2048,
      embedding_length: 32,
      block_count: 2,
      feed_forward_length: 64,
      attention: { head_count: 4, head_count_kv: 2 },
      rope: { dimension_count: 8 },
    });
    const tokenizer = (md.tokenizer as Record<string, Record<string, unknown>>).ggml!;
    expect(tokenizer).toMatchObject({ model: 'llama', bos_token_id: 1, eos_token_id: 2 });
    expect(tokenizer.tokens).toHaveLength(1000);
    const tensors = (info.fullTensorInfo ?? []).map((t) => [t.name, t.dimensions.map(Number)]);
    expect(tensors).toHaveLength(3 + 2 * 9);
    expect(tensors.slice(0, 3)).toEqual([
      ['token_embd.weight', [32, 1000]],
      ['output_norm.weight', [32]],
      ['output.weight', [32, 1000]],
    ]);
    expect(tensors).toContainEqual(['blk.1.attn_k.weight', [32, 16]]);
    expect(tensors).toContainEqual(['blk.1.ffn_down.weight', [64, 32]]);
    expect(written.bytes).toBe(readFileSync(path).length);
  });

  it('loads and generates with node-llama-cpp', async () => {
    const llama = await getLlama({ gpu: false, build: 'never', logLevel: 'error' });
    const model = await llama.loadModel({ modelPath: path });
    try {
      expect(model.tokens.bos).toBe(1);
      const context = await model.createContext({ contextSize: 256, threads: 1 });
      const prompt = model.tokenize('Hello # Ł 😀 world');
      expect(model.detokenize(prompt)).toBe('Hello # Ł 😀 world');
      const generated: number[] = [];
      for await (const token of context.getSequence().evaluate(prompt, { temperature: 0 })) {
        generated.push(token);
        if (generated.length === 3) break;
      }
      expect(generated).toHaveLength(3);
      for (const token of generated) expect(token).toBeLessThan(1000);
      await context.dispose();
    } finally {
      await model.dispose();
    }
  });

  it('is deterministic for a seed', () => {
    const again = join(dir, 'again.gguf');
    writeSyntheticGguf({ out: again, vocab: 1000, layers: 2, embd: 32, ff: 64, heads: 4, kvHeads: 2 });
    expect(readFileSync(again).equals(readFileSync(path))).toBe(true);
  });
});

describe('the command line', () => {
  it('writes the file named by --out', () => {
    const out = join(dir, 'cli.gguf');
    const stdout = execFileSync(process.execPath, [script, '--out', out, '--vocab', '400', '--type', 'f32']);
    expect(stdout.toString()).toMatch(/^wrote .*cli\.gguf: 400 tokens/);
    expect(readFileSync(out).subarray(0, 4).toString('latin1')).toBe('GGUF');
  });

  it('rejects a bad option with a clear message', () => {
    const run = (args: string[]) => execFileSync(process.execPath, [script, ...args], { stdio: 'pipe' });
    expect(() => run(['--out', join(dir, 'bad.gguf'), '--vocab', '10'])).toThrow(
      /--vocab must be an integer >= 300/,
    );
    expect(() => run(['--vocab', '1000'])).toThrow(/out \(the path to write\) is required/);
  });
});
