import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  integerAtLeast,
  parseBands,
  parseNonNegativeNumber,
  parsePositiveNumber,
  parseProbability,
  parseSize,
  parseTopLogprobs,
  parseTopP,
  parseWidth,
} from './parseNumbers.js';
import { shouldUseColor } from './shouldUseColor.js';

describe('option value parsers', () => {
  it('parseProbability accepts 0..1 and percentages, rejects the rest', () => {
    expect(parseProbability('0')).toBe(0);
    expect(parseProbability('1')).toBe(1);
    expect(parseProbability('.25')).toBe(0.25);
    expect(parseProbability('5%')).toBeCloseTo(0.05, 12);
    for (const bad of ['', ' ', '-0.1', '1.01', 'NaN', 'Infinity', '0x1', '1e', 'half', '150%']) {
      expect(() => parseProbability(bad), bad).toThrow(/Expected a (number|probability)/);
    }
  });

  it('parseProbability round-trips every probability', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1, noNaN: true }), (p) => {
        expect(parseProbability(String(p))).toBe(p);
      }),
    );
  });

  it('integerAtLeast rejects fractions, negatives and junk', () => {
    const parse = integerAtLeast(0);
    expect(parse('0')).toBe(0);
    expect(parse('42')).toBe(42);
    for (const bad of ['-1', '1.5', 'one', '', '1e400']) expect(() => parse(bad), bad).toThrow();
    expect(() => integerAtLeast(1)('0')).toThrow('Expected an integer >= 1, got 0.');
  });

  it('parsePositiveNumber and parseWidth', () => {
    expect(parsePositiveNumber('0.7')).toBe(0.7);
    expect(() => parsePositiveNumber('0')).toThrow('greater than 0');
    expect(() => parsePositiveNumber('-2')).toThrow('greater than 0');
    expect(parseWidth('0')).toBe(0);
    expect(parseWidth('120')).toBe(120);
    expect(() => parseWidth('19')).toThrow('>= 20');
  });

  it('parseNonNegativeNumber, parseTopP and parseTopLogprobs (ask)', () => {
    expect(parseNonNegativeNumber('0')).toBe(0);
    expect(parseNonNegativeNumber('1.5')).toBe(1.5);
    for (const bad of ['-0.1', '1e400']) expect(() => parseNonNegativeNumber(bad), bad).toThrow('>= 0');
    expect(() => parseNonNegativeNumber('hot')).toThrow('Expected a number');
    expect(parseTopP('0.9')).toBe(0.9);
    expect(parseTopP('100%')).toBe(1);
    expect(() => parseTopP('0')).toThrow('(0, 1]');
    expect(() => parseTopP('1.1')).toThrow('0..1');
    expect(parseTopLogprobs('0')).toBe(0);
    expect(parseTopLogprobs('20')).toBe(20);
    expect(parseTopLogprobs('ALL')).toBe('all');
    for (const bad of ['-1', '2.5', 'some']) expect(() => parseTopLogprobs(bad), bad).toThrow('or "all"');
  });

  it('parseSize takes bytes and binary suffixes', () => {
    expect(parseSize('1048576')).toBe(1048576);
    expect(parseSize('512K')).toBe(512 * 1024);
    expect(parseSize('64M')).toBe(64 * 1024 ** 2);
    expect(parseSize('64MiB')).toBe(64 * 1024 ** 2);
    expect(parseSize('1.5g')).toBe(1.5 * 1024 ** 3);
    for (const bad of ['0', '-1', 'lots', '12T', '']) expect(() => parseSize(bad), bad).toThrow();
  });

  it('parseBands needs four decreasing probabilities', () => {
    expect(parseBands('0.9,0.7,0.5,0.3')).toEqual({ green: 0.9, lime: 0.7, yellow: 0.5, orange: 0.3 });
    expect(parseBands('95%,80%,60%,40%')).toEqual({ green: 0.95, lime: 0.8, yellow: 0.6, orange: 0.4 });
    expect(() => parseBands('0.9,0.7,0.5')).toThrow('got 3 value(s)');
    expect(() => parseBands('0.9,0.7,0.7,0.3')).toThrow('decreasing');
    expect(() => parseBands('0.9,0.7,0.5,1.3')).toThrow('probability');
  });
});

describe('shouldUseColor', () => {
  it('follows flag > NO_COLOR > FORCE_COLOR > terminal', () => {
    expect(shouldUseColor(undefined, {}, true)).toBe(true);
    expect(shouldUseColor(undefined, {}, false)).toBe(false);
    expect(shouldUseColor(undefined, { NO_COLOR: '1' }, true)).toBe(false);
    expect(shouldUseColor(undefined, { NO_COLOR: '' }, true)).toBe(true);
    expect(shouldUseColor(undefined, { FORCE_COLOR: '1' }, false)).toBe(true);
    expect(shouldUseColor(undefined, { FORCE_COLOR: '0' }, true)).toBe(false);
    expect(shouldUseColor(undefined, { NO_COLOR: '1', FORCE_COLOR: '1' }, true)).toBe(false);
    expect(shouldUseColor(true, { NO_COLOR: '1' }, false)).toBe(true);
    expect(shouldUseColor(false, { FORCE_COLOR: '1' }, true)).toBe(false);
  });
});
