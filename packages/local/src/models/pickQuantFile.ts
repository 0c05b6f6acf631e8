import { ModelNotFoundError } from '../errors/ModelNotFoundError.js';

/** The quantization picked when `hf:owner/repo` names none (as llama.cpp's `-hf` does). */
export const DEFAULT_QUANT = 'Q4_K_M';

const SPLIT_PART = /-\d{5}-of-\d{5}\.gguf$/i;

/** True when the file name carries the quantization tag as a whole word (`model-Q4_K_M.gguf`). */
export function matchesQuant(file: string, quant: string): boolean {
  const name = file.slice(file.lastIndexOf('/') + 1);
  const escaped = quant.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(^|[-_.])${escaped}([-.]|$)`, 'i').test(name.replace(/\.gguf$/i, ''));
}

/**
 * Picks the GGUF file for a quantization from a repository's file list. With no quant given it takes
 * Q4_K_M, or the only model file there is. Projector files (`mmproj`) and split models are skipped.
 */
export function pickQuantFile(files: string[], quant: string | undefined, repoId: string): string {
  const models = files.filter((f) => /\.gguf$/i.test(f) && !/mmproj/i.test(f));
  const whole = models.filter((f) => !SPLIT_PART.test(f));
  if (quant === undefined && whole.length === 1) return whole[0]!;
  const wanted = quant ?? DEFAULT_QUANT;
  const matches = whole
    .filter((f) => matchesQuant(f, wanted))
    .sort((a, b) => a.length - b.length || (a < b ? -1 : 1));
  if (matches[0] !== undefined) return matches[0];
  const ref = `hf:${repoId}${quant ? `:${quant}` : ''}`;
  if (models.some((f) => matchesQuant(f, wanted))) {
    throw new ModelNotFoundError(
      ref,
      `${repoId} has ${wanted} only as a split model (…-00001-of-0000N.gguf), which is not supported; pick another quantization`,
    );
  }
  const available = whole.map((f) => f.slice(f.lastIndexOf('/') + 1)).join(', ');
  throw new ModelNotFoundError(
    ref,
    whole.length === 0
      ? `${repoId} has no .gguf file; pick a repository with GGUF files`
      : `${repoId} has no .gguf file for ${wanted}; name one of: ${available}`,
  );
}
