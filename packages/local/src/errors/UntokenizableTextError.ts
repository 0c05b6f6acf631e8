import { TokenscopeError } from '@tokenscope/core';

/**
 * The text holds a character that the model's vocabulary cannot encode and the vocabulary has no
 * byte fallback. llama.cpp would abort the whole process on it, so the engine refuses it first.
 */
export class UntokenizableTextError extends TokenscopeError {
  readonly character: string;
  readonly modelId: string;

  constructor(character: string, modelId: string) {
    const code = character.codePointAt(0)?.toString(16).toUpperCase().padStart(4, '0') ?? '?';
    super(
      'untokenizable_text',
      `expected text the vocabulary of ${modelId} can encode, got ${JSON.stringify(character)} (U+${code}), which it lacks and has no byte fallback for: remove that character or use another model`,
      { status: 400 },
    );
    this.character = character;
    this.modelId = modelId;
  }
}
