import { describe, expect, it } from 'vitest';
import doc from '../../../../docs/json-format.md?raw';
import { analyzeCompletion } from '../analysis/analyze.js';
import { analyzeConstraint } from '../constraint/analyzeConstraint.js';
import type { Completion } from '../model/Completion.js';
import type { Token } from '../model/Token.js';
import { renderAnsi } from './renderAnsi.js';
import { renderHtml } from './renderHtml.js';
import { renderJson } from './renderJson.js';
import { renderMarkdown } from './renderMarkdown.js';

const ln = Math.log;
/** Raw: " Lily" 0.9, "<b>|" 0.05, "L" 0.03; allowed: "L" and "<b>|" (mass 0.08). */
const first: Token = {
  text: 'L',
  bytes: [76],
  id: 3,
  logprob: ln(0.03),
  top: [
    { text: ' Lily', logprob: ln(0.9), bytes: null, id: 1 },
    { text: '<b>|', logprob: ln(0.05), bytes: null, id: 2 },
    { text: 'L', logprob: ln(0.03), bytes: null, id: 3 },
  ],
  constrained: {
    logprob: ln(0.03 / 0.08),
    top: [
      { text: '<b>|', logprob: ln(0.05 / 0.08), bytes: null, id: 2 },
      { text: 'L', logprob: ln(0.03 / 0.08), bytes: null, id: 3 },
    ],
    allowedMass: 0.08,
  },
};
const second: Token = {
  text: 'ily',
  bytes: null,
  id: 4,
  logprob: ln(0.6),
  top: [{ text: 'ily', logprob: ln(0.6), bytes: null, id: 4 }],
  constrained: {
    logprob: ln(0.6 / 0.9),
    top: [{ text: 'ily', logprob: ln(0.6 / 0.9), bytes: null, id: 4 }],
    allowedMass: 0.9,
  },
};
const completion: Completion = {
  index: 0,
  text: 'Lily',
  tokens: [first, second],
  distribution: 'raw',
  topK: 3,
  constraint: { kind: 'choices', description: '"Lily" | "Ben"' },
};
const analysis = analyzeCompletion(completion, { format: 'openai-completions', model: 'm' });

describe('analyzeConstraint', () => {
  it('marks the raw alternatives the constraint forbade and sums up what it removed', () => {
    const c = analyzeConstraint(completion)!;
    expect(c.tokens[0]!.rawTop.map((a) => a.allowed)).toEqual([false, true, true]);
    expect(c.tokens[0]!.topForbidden).toBe(true);
    expect(c.tokens[0]!.removedMass).toBeCloseTo(0.92, 12);
    expect(c.tokens[1]!.topForbidden).toBe(false);
    expect(c.summary).toMatchObject({ tokens: 2, topForbiddenTokens: 1, maxRemovedIndex: 0 });
    expect(c.summary.meanRemovedMass).toBeCloseTo((0.92 + 0.1) / 2, 12);
    expect(c.summary.sumRawLogprob).toBeCloseTo(ln(0.03) + ln(0.6), 12);
    expect(
      analyzeConstraint({ ...completion, tokens: [{ ...second, constrained: undefined } as Token] }),
    ).toBeUndefined();
  });
});

describe('constraint sections in every report', () => {
  it('ANSI: a row per token with the forbidden alternatives; no section for free answers', () => {
    const text = renderAnsi(analysis, { color: false, width: 100 });
    expect(text).toContain('Constraint: choices: "Lily" | "Ben"');
    expect(text).toMatch(/0 {2}"L" +37\.5 % +3\.0 % +92\.0 % +" Lily" 90\.0 %/);
    expect(text).toContain("the model's first choice was forbidden at 1 of 2 tokens");
    const free = analyzeCompletion(
      { ...completion, tokens: [{ ...second, constrained: undefined } as Token] },
      { format: 'openai-completions' },
    );
    expect(renderAnsi(free, { color: false })).not.toContain('Constraint');
  });

  it('Markdown and HTML escape the token text', () => {
    const md = renderMarkdown(analysis);
    expect(md).toContain('## Constraint');
    expect(md).toContain('| 0 | L | 37.5 % | 3.0 % | 92.0 % | ␣Lily 90.0 % |');
    const html = renderHtml(analysis);
    expect(html).toContain('<section aria-label="Constraint" class="constraint">');
    expect(html).not.toContain('<b>|');
  });

  it('JSON: the constraint object, every key documented in docs/json-format.md', () => {
    const report = JSON.parse(renderJson(analysis)) as { constraint: Record<string, unknown> };
    expect(report.constraint).toMatchObject({ kind: 'choices', description: '"Lily" | "Ben"' });
    const keys = new Set<string>();
    const walk = (v: unknown) => {
      if (Array.isArray(v)) v.forEach(walk);
      else if (v && typeof v === 'object')
        for (const [k, x] of Object.entries(v)) {
          keys.add(k);
          walk(x);
        }
    };
    walk(report.constraint);
    const documented = new Set([...doc.matchAll(/`([A-Za-z0-9-]+)`/g)].map((m) => m[1]));
    expect([...keys].filter((k) => !documented.has(k))).toEqual([]);
  });
});
