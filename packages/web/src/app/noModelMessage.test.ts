import { describe, expect, it } from 'vitest';
import { noModelMessage } from './noModelMessage';

const SERVER =
  'No local model found (searched $TOKENSCOPE_MODELS_DIR, ./models, ../shared/models). Put a .gguf file in ./models, set ' +
  '$TOKENSCOPE_MODEL or $TOKENSCOPE_MODELS_DIR, or restart with --model PATH|URL|hf:owner/repo:QUANT; ' +
  'meanwhile, runs can use a remote OpenAI-compatible endpoint.';

describe('noModelMessage', () => {
  it("says what was searched, how to get a model and that the remote form works, without the title's words", () => {
    expect(noModelMessage(SERVER)).toBe(
      'Searched $TOKENSCOPE_MODELS_DIR, ./models, ../shared/models. Put a .gguf file in ./models, set ' +
        '$TOKENSCOPE_MODEL or $TOKENSCOPE_MODELS_DIR, or restart with --model PATH|URL|hf:owner/repo:QUANT. ' +
        'Meanwhile, the remote endpoint form below works.',
    );
  });

  it('falls back to a generic hint when the server says nothing useful', () => {
    for (const help of [undefined, '', 'No local model found', 'No local model found (searched ./models).']) {
      const text = noModelMessage(help);
      expect(text).toMatch(/--model/);
      expect(text).toMatch(/remote endpoint form below works\.$/);
      expect(text).not.toMatch(/no local model found/i);
    }
    expect(noModelMessage('No local model found (searched ./models).')).toMatch(/^Searched \.\/models\. Put/);
  });

  it('keeps a help text of another shape as it is', () => {
    expect(noModelMessage('Download one with tokenscope pull')).toBe(
      'Download one with tokenscope pull. Meanwhile, the remote endpoint form below works.',
    );
  });
});
