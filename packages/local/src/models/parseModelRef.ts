import { homedir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { InvalidModelRefError } from '../errors/InvalidModelRefError.js';

/** What a model reference names, before anything is read or downloaded. */
export type ModelRef =
  | { kind: 'path'; path: string }
  | { kind: 'url'; url: string }
  /** `bare`: written without `hf:`, so it may also be a relative path that happens to exist. */
  | { kind: 'hf-file'; owner: string; repo: string; file: string; bare: boolean }
  /** A repository and a quantization tag; the file is picked from the repository's list. */
  | { kind: 'hf-quant'; owner: string; repo: string; quant: string | undefined; bare: boolean };

const NAME = '[A-Za-z0-9][A-Za-z0-9._-]*';
const HF_FILE = new RegExp(`^(${NAME})/(${NAME})/([^\\s:]+\\.gguf)$`, 'i');
const HF_QUANT = new RegExp(`^(${NAME})/(${NAME})(?::([A-Za-z0-9._-]+))?$`);

/**
 * Reads a model reference. Accepted forms:
 * - a file path (`./model.gguf`, `/abs/model.gguf`, `~/models/model.gguf`, `file:///…`);
 * - an `http://` or `https://` URL (a Hugging Face `/blob/` page URL is turned into its `/resolve/` URL);
 * - `hf:owner/repo/path/to/file.gguf` or, without the prefix, `owner/repo/file.gguf`;
 * - `hf:owner/repo:QUANT` (e.g. `hf:owner/repo:Q4_K_M`) or `hf:owner/repo`: the repository's GGUF file
 *   whose name carries that quantization (default Q4_K_M, or the only GGUF file there is).
 */
export function parseModelRef(ref: string): ModelRef {
  const text = ref.trim();
  if (text === '') throw new InvalidModelRefError(ref);
  if (/^https?:\/\//i.test(text)) return { kind: 'url', url: toResolveUrl(text) };
  if (/^file:\/\//i.test(text)) return { kind: 'path', path: fileURLToPath(text) };
  if (/^hf:/i.test(text)) return parseHf(text.slice(3).replace(/^\/+/, ''), ref, false);
  if (text === '~' || text.startsWith('~/')) return { kind: 'path', path: homedir() + text.slice(1) };
  const looksRelative = /^[.~/\\]/.test(text) || /^[A-Za-z]:[\\/]/.test(text) || text.includes('\\');
  if (!looksRelative && (HF_FILE.test(text) || (HF_QUANT.test(text) && text.includes(':')))) {
    return parseHf(text, ref, true);
  }
  return { kind: 'path', path: text };
}

function parseHf(body: string, ref: string, bare: boolean): ModelRef {
  const file = HF_FILE.exec(body);
  if (file) return { kind: 'hf-file', owner: file[1]!, repo: file[2]!, file: file[3]!, bare };
  const quant = HF_QUANT.exec(body);
  if (quant) return { kind: 'hf-quant', owner: quant[1]!, repo: quant[2]!, quant: quant[3], bare };
  throw new InvalidModelRefError(ref);
}

/** `https://huggingface.co/o/r/blob/main/f.gguf` (the web page) → `…/resolve/main/f.gguf` (the file). */
function toResolveUrl(url: string): string {
  return url.replace(/^(https:\/\/huggingface\.co\/[^/]+\/[^/]+)\/blob\//i, '$1/resolve/');
}
