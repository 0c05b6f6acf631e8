import type { BranchBody, TopAlternative } from '@tokenscope/core';

/**
 * The body of `POST /api/runs/:id/branch` for a token picked in the X-ray or the explorer. The token's
 * id goes with its text whenever it has one: a local run branches on any token of the distribution by
 * id (its text alone only matches the stored top-k).
 */
export function branchBody(position: number, token: TopAlternative, apiKey?: string): BranchBody {
  return {
    position,
    token: { text: token.text, ...(token.id !== undefined ? { id: token.id } : {}) },
    ...(apiKey ? { apiKey } : {}),
  };
}
