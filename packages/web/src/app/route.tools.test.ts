import { describe, expect, it } from 'vitest';
import { parseRoute, routeHash } from './route';

describe('the tool routes', () => {
  it('parse and print #/classify, #/rerank and #/score', () => {
    for (const name of ['classify', 'rerank', 'score'] as const) {
      expect(parseRoute(`#/${name}`)).toEqual({ name });
      expect(parseRoute(`#/${name}/`)).toEqual({ name });
      expect(routeHash({ name })).toBe(`#/${name}`);
    }
    expect(parseRoute('#/score/extra')).toEqual({ name: 'not-found', hash: '#/score/extra' });
  });
});
