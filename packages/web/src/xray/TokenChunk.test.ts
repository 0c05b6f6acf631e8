import { readFileSync } from 'node:fs';
import { DEFAULT_THRESHOLDS, parseResponse } from '@tokenscope/core';
import { describe, expect, it } from 'vitest';
import { buildLargeResponse } from '../harness/buildLargeResponse.js';
import { growingAnalysis } from './growingAnalysis.js';
import { CHUNK, TokenChunk, type TokenChunkProps } from './TokenChunk.js';
import { spanParts } from './tokenMarkers.js';

const recorded = parseResponse(
  readFileSync(
    new URL('../../../core/src/formats/__fixtures__/openai-chat.seed003.recorded.json', import.meta.url),
    'utf8',
  ),
);
const full = buildLargeResponse([recorded], 3 * CHUNK).completions[0]!;
const source = { format: recorded.format };

/** The chunk props of the first `n` tokens, analysed as the X-ray does while streaming. */
function stream() {
  let cache: Parameters<typeof growingAnalysis>[3] = null;
  return (n: number, start: number, over: Partial<TokenChunkProps> = {}): TokenChunkProps => {
    const tokens = full.tokens.slice(0, n);
    const step = growingAnalysis({ ...full, tokens, text: '' }, source, DEFAULT_THRESHOLDS, cache);
    cache = step.cache;
    const analysis = step.analysis;
    return {
      tokens: analysis.tokens,
      spans: spanParts(n, analysis.spans),
      start,
      focusIndex: 0,
      activeIndex: null,
      linkedIndex: null,
      pinnedIndex: null,
      showSpaces: false,
      tipId: 'tip',
      ...over,
    };
  };
}

describe('TokenChunk while an answer streams', () => {
  it('does not render a finished chunk again when the answer grows (new arrays, same tokens)', () => {
    const at = stream();
    const before = at(CHUNK + 50, 0);
    const chunk = new TokenChunk(before);
    chunk.props = before;
    expect(chunk.shouldComponentUpdate(at(CHUNK + 120, 0))).toBe(false);
  });

  it('renders the growing chunk, and a finished one whose tokens, marks or highlight changed', () => {
    const at = stream();
    const growing = at(CHUNK + 50, CHUNK);
    const last = new TokenChunk(growing);
    last.props = growing;
    expect(last.shouldComponentUpdate(at(CHUNK + 51, CHUNK))).toBe(true);

    const first = at(CHUNK + 51, 0);
    const chunk = new TokenChunk(first);
    chunk.props = first;
    expect(chunk.shouldComponentUpdate({ ...first, activeIndex: 5 })).toBe(true);
    expect(chunk.shouldComponentUpdate({ ...first, activeIndex: CHUNK + 5 })).toBe(false);
    expect(chunk.shouldComponentUpdate({ ...first, showSpaces: true })).toBe(true);
    const spans = first.spans.slice();
    spans[3] = spans[3] === 'single' ? 'none' : 'single';
    expect(chunk.shouldComponentUpdate({ ...first, spans })).toBe(true);
    const tokens = first.tokens.slice();
    tokens[7] = { ...tokens[7]!, band: 'red' };
    expect(chunk.shouldComponentUpdate({ ...first, tokens })).toBe(true);
  });
});
