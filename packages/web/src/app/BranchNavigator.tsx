import type { RunListItem, RunRecord } from '@tokenscope/core';
import { useEffect, useMemo, useState } from 'preact/hooks';
import type { ApiClient } from '../api/client';
import { type BranchNode, buildBranchTree, flattenTree, pathTo } from './buildBranchTree';
import { routeHash } from './route';
import { navigate } from './useHashRoute';

export interface BranchNavigatorProps {
  api: ApiClient;
  run: RunRecord;
  /** Changes when a branch was added: the tree reloads. */
  refreshKey: number;
}

/** The branch tree of the open run: where each branch leaves its parent, and a walk through them. */
export function BranchNavigator({ api, run, refreshKey }: BranchNavigatorProps) {
  const [items, setItems] = useState<RunListItem[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const controller = new AbortController();
    setError(null);
    api
      .runTree(run.id, controller.signal)
      .then(setItems)
      .catch((e: unknown) => {
        if (!controller.signal.aborted) setError(e instanceof Error ? e.message : String(e));
      });
    return () => controller.abort();
  }, [api, run.id, refreshKey]);

  const tree = useMemo(() => buildBranchTree(items ?? []), [items]);
  const order = useMemo(() => flattenTree(tree), [tree]);
  if (error) return <p class="field-error">Branch tree: {error}</p>;
  if (!items || order.length < 2) return null;
  const at = order.findIndex((n) => n.run.id === run.id);
  const path = new Set(pathTo(tree, run.id));
  const parentId = run.branch?.parentId;
  const go = (node: BranchNode | undefined) => node && navigate({ name: 'run', id: node.run.id });
  return (
    <nav class="card branches" aria-label="Branches of this run">
      <div class="card-head">
        <h3>Branches</h3>
        <span class="muted">
          {order.length} runs · {at + 1} of {order.length}
        </span>
        <span class="header-spacer" />
        <button
          type="button"
          class="btn btn-small"
          disabled={!parentId || !items.some((i) => i.id === parentId)}
          onClick={() => parentId && navigate({ name: 'run', id: parentId })}
        >
          ↑ Parent
        </button>
        <button
          type="button"
          class="btn btn-small"
          disabled={at <= 0}
          onClick={() => go(order[at - 1])}
          aria-label="Previous branch"
        >
          ←
        </button>
        <button
          type="button"
          class="btn btn-small"
          disabled={at < 0 || at >= order.length - 1}
          onClick={() => go(order[at + 1])}
          aria-label="Next branch"
        >
          →
        </button>
      </div>
      <ul class="branch-tree card-body">
        {order.map((node) => {
          const current = node.run.id === run.id;
          const token = node.run.id === run.id ? run.branch?.token.text : node.run.branch?.token;
          return (
            <li
              key={node.run.id}
              class={`${current ? 'is-current' : ''}${path.has(node.run.id) ? ' on-path' : ''}`}
              style={{ paddingLeft: `${node.depth * 18}px` }}
            >
              <a
                href={routeHash({ name: 'run', id: node.run.id })}
                aria-current={current ? 'page' : undefined}
              >
                {node.depth > 0 ? <span aria-hidden="true">└ </span> : null}
                {node.run.branch ? (
                  <span class="branch-at">
                    at #{node.run.branch.position}
                    {token !== undefined ? (
                      <>
                        {' → '}
                        <code>{JSON.stringify(token)}</code>
                      </>
                    ) : null}
                  </span>
                ) : (
                  <span class="branch-at">original</span>
                )}
                <span class="branch-preview">{node.run.answerPreview.slice(0, 80)}</span>
              </a>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
