import { homedir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { InvalidModelRefError } from '../errors/InvalidModelRefError.js';
import { parseModelRef } from './parseModelRef.js';
import { matchesQuant, pickQuantFile } from './pickQuantFile.js';

describe('parseModelRef', () => {
  it.each([
    ['./m.gguf', { kind: 'path', path: './m.gguf' }],
    ['/abs/m.gguf', { kind: 'path', path: '/abs/m.gguf' }],
    ['~/m.gguf', { kind: 'path', path: `${homedir()}/m.gguf` }],
    ['file:///abs/m.gguf', { kind: 'path', path: '/abs/m.gguf' }],
    ['m.gguf', { kind: 'path', path: 'm.gguf' }],
    ['owner/repo', { kind: 'path', path: 'owner/repo' }],
    ['https://x.org/a/m.gguf?download=1', { kind: 'url', url: 'https://x.org/a/m.gguf?download=1' }],
    [
      'https://huggingface.co/o/r/blob/main/m.gguf',
      { kind: 'url', url: 'https://huggingface.co/o/r/resolve/main/m.gguf' },
    ],
    ['hf:o/r/dir/m.gguf', { kind: 'hf-file', owner: 'o', repo: 'r', file: 'dir/m.gguf', bare: false }],
    ['o/r/m.gguf', { kind: 'hf-file', owner: 'o', repo: 'r', file: 'm.gguf', bare: true }],
    ['hf:o/r.x-1:Q4_K_M', { kind: 'hf-quant', owner: 'o', repo: 'r.x-1', quant: 'Q4_K_M', bare: false }],
    ['hf:o/r', { kind: 'hf-quant', owner: 'o', repo: 'r', quant: undefined, bare: false }],
    ['o/r:Q8_0', { kind: 'hf-quant', owner: 'o', repo: 'r', quant: 'Q8_0', bare: true }],
  ])('%s', (ref, expected) => {
    expect(parseModelRef(ref)).toEqual(expected);
  });

  it.each(['', 'hf:', 'hf:owner', 'hf:o/r/notes.txt', 'hf:o/r:Q4 K'])('rejects %j', (ref) => {
    expect(() => parseModelRef(ref)).toThrow(InvalidModelRefError);
  });
});

describe('pickQuantFile', () => {
  const files = [
    'a/model-Q4_K_M.gguf',
    'model-Q4_K_S.gguf',
    'model.Q8_0.gguf',
    'mmproj-Q8_0.gguf',
    'README.md',
  ];

  it('matches the tag as a whole word, case-insensitively', () => {
    expect(matchesQuant('model-Q4_K_M.gguf', 'q4_k_m')).toBe(true);
    expect(matchesQuant('model-Q4_K_M.gguf', 'Q4_K')).toBe(false);
  });

  it('picks the asked quantization, Q4_K_M by default, skipping projectors', () => {
    expect(pickQuantFile(files, 'Q8_0', 'o/r')).toBe('model.Q8_0.gguf');
    expect(pickQuantFile(files, undefined, 'o/r')).toBe('a/model-Q4_K_M.gguf');
    expect(pickQuantFile(['only-F16.gguf'], undefined, 'o/r')).toBe('only-F16.gguf');
  });

  it('says what is there when nothing matches, and refuses split models', () => {
    expect(() => pickQuantFile(files, 'Q2_K', 'o/r')).toThrow(
      'model not found: o/r has no .gguf file for Q2_K; name one of: model-Q4_K_M.gguf, model-Q4_K_S.gguf, model.Q8_0.gguf',
    );
    expect(() => pickQuantFile(['m-Q8_0-00001-of-00002.gguf'], 'Q8_0', 'o/r')).toThrow(
      /only as a split model/,
    );
    expect(() => pickQuantFile(['README.md'], undefined, 'o/r')).toThrow(/o\/r has no \.gguf file;/);
  });
});
