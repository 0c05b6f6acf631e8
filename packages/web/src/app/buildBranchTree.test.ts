import type { RunListItem } from '@tokenscope/core';
import { describe, expect, it } from 'vitest';
import { buildBranchTree, flattenTree, pathTo } from './buildBranchTree';

function item(id: string, createdAt: string, branch?: { parentId: string; position: number }): RunListItem {
  return {
    id,
    title: id,
    tags: [],
    createdAt,
    updatedAt: createdAt,
    source: branch ? 'branch' : 'local',
    model: 'm',
    verdict: 'publish',
    summary: {
      tokens: 1,
      sumLogprob: 0,
      meanLogprob: 0,
      perplexity: 1,
      minProb: 1,
      flaggedTokens: 0,
      lowConfidenceSpans: 0,
      criticalFacts: 0,
      flaggedFacts: 0,
      bandShares: [1, 0, 0, 0, 0],
    },
    promptPreview: '',
    answerPreview: '',
    ...(branch ? { branch } : {}),
  };
}

describe('buildBranchTree', () => {
  it('nests branches under their parent, ordered by position then time', () => {
    const runs = [
      item('c', '2025-01-03', { parentId: 'root', position: 7 }),
      item('b', '2025-01-04', { parentId: 'root', position: 2 }),
      item('a', '2025-01-02', { parentId: 'root', position: 2 }),
      item('root', '2025-01-01'),
      item('d', '2025-01-05', { parentId: 'a', position: 4 }),
    ];
    const tree = buildBranchTree(runs);
    expect(tree).toHaveLength(1);
    expect(flattenTree(tree).map((n) => `${n.run.id}:${n.depth}`)).toEqual([
      'root:0',
      'a:1',
      'd:2',
      'b:1',
      'c:1',
    ]);
    expect(pathTo(tree, 'd')).toEqual(['root', 'a', 'd']);
    expect(pathTo(tree, 'zzz')).toEqual([]);
  });

  it('makes a run whose parent is missing a root, and survives cycles and self-parents', () => {
    const runs = [
      item('orphan', '2025-01-02', { parentId: 'gone', position: 1 }),
      item('self', '2025-01-03', { parentId: 'self', position: 1 }),
      item('x', '2025-01-04', { parentId: 'y', position: 1 }),
      item('y', '2025-01-05', { parentId: 'x', position: 1 }),
    ];
    const ids = flattenTree(buildBranchTree(runs)).map((n) => n.run.id);
    expect(ids).toContain('orphan');
    expect(ids).toContain('self');
    // A cycle has no root: its runs cannot be placed, and nothing loops forever.
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('returns an empty tree for no runs', () => {
    expect(buildBranchTree([])).toEqual([]);
  });
});
