import { describe, expect, it } from 'vitest';
import { branchBody } from './branchBody';

describe('branchBody', () => {
  it('sends the id of a token picked from the distribution, with its text', () => {
    expect(branchBody(4, { text: ' cat', logprob: -7.2, bytes: [32, 99, 97, 116], id: 301 })).toEqual({
      position: 4,
      token: { text: ' cat', id: 301 },
    });
  });

  it('sends the text alone when the token has no id, and the key only when given', () => {
    const token = { text: 'dog', logprob: -1, bytes: null };
    expect(branchBody(0, token)).toEqual({ position: 0, token: { text: 'dog' } });
    expect(branchBody(0, token, '')).toEqual({ position: 0, token: { text: 'dog' } });
    expect(branchBody(2, token, 'sk-1')).toEqual({ position: 2, token: { text: 'dog' }, apiKey: 'sk-1' });
  });
});
