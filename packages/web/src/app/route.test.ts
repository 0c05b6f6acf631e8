import { describe, expect, it } from 'vitest';
import { parseRoute, type Route, routeHash } from './route';

describe('parseRoute', () => {
  it('reads home from an empty or root hash', () => {
    for (const hash of ['', '#', '#/', '#//']) expect(parseRoute(hash)).toEqual({ name: 'home' });
  });

  it('reads a run and a comparison', () => {
    expect(parseRoute('#/run/01HX')).toEqual({ name: 'run', id: '01HX' });
    expect(parseRoute('#/run/01HX/')).toEqual({ name: 'run', id: '01HX' });
    expect(parseRoute('#/compare/a/b')).toEqual({ name: 'compare', ids: ['a', 'b'] });
  });

  it('reads a comparison of 2 to 8 runs, in order, and nothing outside that range', () => {
    expect(parseRoute('#/compare/c/a/b')).toEqual({ name: 'compare', ids: ['c', 'a', 'b'] });
    const eight = ['1', '2', '3', '4', '5', '6', '7', '8'];
    expect(parseRoute(`#/compare/${eight.join('/')}/`)).toEqual({ name: 'compare', ids: eight });
    for (const hash of ['#/compare', '#/compare/a', `#/compare/${eight.join('/')}/9`, '#/compare/a//b'])
      expect(parseRoute(hash)).toEqual({ name: 'not-found', hash });
  });

  it('writes a comparison as one escaped segment per run', () => {
    expect(routeHash({ name: 'compare', ids: ['a', 'b/c', 'd e'] })).toBe('#/compare/a/b%2Fc/d%20e');
  });

  it('reads the review queue and calibration', () => {
    expect(parseRoute('#/review')).toEqual({ name: 'review' });
    expect(parseRoute('#/calibrate/')).toEqual({ name: 'calibrate' });
    expect(parseRoute('#/review/x')).toEqual({ name: 'not-found', hash: '#/review/x' });
  });

  it('reads the datasets view with its query', () => {
    expect(parseRoute('#/datasets')).toEqual({ name: 'datasets', query: '' });
    expect(parseRoute('#/datasets/')).toEqual({ name: 'datasets', query: '' });
    expect(parseRoute('#/datasets?dataset=qa&groupBy=model')).toEqual({
      name: 'datasets',
      query: 'dataset=qa&groupBy=model',
    });
    expect(parseRoute('#/review?x=1')).toEqual({ name: 'not-found', hash: '#/review?x=1' });
    expect(parseRoute('#/datasets/x')).toEqual({ name: 'not-found', hash: '#/datasets/x' });
  });

  it('decodes escaped ids', () => {
    expect(parseRoute('#/run/a%2Fb%20c')).toEqual({ name: 'run', id: 'a/b c' });
  });

  it('answers not-found for unknown paths, wrong arity and bad escapes', () => {
    for (const hash of ['#/runs/x', '#/run', '#/run/a/b', '#/compare/a', '#/run/%E0%A4%A', '#/run//x']) {
      expect(parseRoute(hash)).toEqual({ name: 'not-found', hash });
    }
  });

  it('round-trips every route through its hash', () => {
    const routes: Route[] = [
      { name: 'home' },
      { name: 'run', id: 'r/1 ?#' },
      { name: 'compare', ids: ['x', 'y%z'] },
      { name: 'compare', ids: ['x', 'y', 'z?', 'w#', '5', '6', '7', '8'] },
      { name: 'review' },
      { name: 'calibrate' },
      { name: 'datasets', query: '' },
      { name: 'datasets', query: 'dataset=a%26b&groupBy=day' },
    ];
    for (const route of routes) expect(parseRoute(routeHash(route))).toEqual(route);
  });
});
