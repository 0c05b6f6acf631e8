import type { RunListItem } from '@tokenscope/core';

/** One run in a branch tree, with the branches that leave it. */
export interface BranchNode {
  run: RunListItem;
  children: BranchNode[];
  /** 0 for the root. */
  depth: number;
}

/**
 * The tree of runs from `GET /api/runs/:id/tree`: roots are runs whose parent is not in the list.
 * Children are ordered by where they leave their parent, then by creation time.
 */
export function buildBranchTree(runs: RunListItem[]): BranchNode[] {
  const ids = new Set(runs.map((r) => r.id));
  const childrenOf = new Map<string, RunListItem[]>();
  const roots: RunListItem[] = [];
  for (const run of runs) {
    const parent = run.branch?.parentId;
    if (parent !== undefined && parent !== run.id && ids.has(parent)) {
      childrenOf.set(parent, [...(childrenOf.get(parent) ?? []), run]);
    } else {
      roots.push(run);
    }
  }
  const seen = new Set<string>();
  const build = (run: RunListItem, depth: number): BranchNode => {
    seen.add(run.id);
    const children = (childrenOf.get(run.id) ?? [])
      .filter((c) => !seen.has(c.id))
      .sort(byPositionThenTime)
      .map((c) => build(c, depth + 1));
    return { run, children, depth };
  };
  return roots.sort(byPositionThenTime).map((r) => build(r, 0));
}

/** The nodes in display order (depth first). */
export function flattenTree(nodes: BranchNode[]): BranchNode[] {
  return nodes.flatMap((n) => [n, ...flattenTree(n.children)]);
}

/** The ids from the root down to `id` (empty when it is not in the tree). */
export function pathTo(nodes: BranchNode[], id: string): string[] {
  for (const node of nodes) {
    if (node.run.id === id) return [id];
    const below = pathTo(node.children, id);
    if (below.length > 0) return [node.run.id, ...below];
  }
  return [];
}

function byPositionThenTime(a: RunListItem, b: RunListItem): number {
  const pa = a.branch?.position ?? -1;
  const pb = b.branch?.position ?? -1;
  return pa - pb || a.createdAt.localeCompare(b.createdAt);
}
