import { TokenscopeError } from '@tokenscope/core';

/** No run has this id (it was never saved, or it was deleted). */
export class RunNotFoundError extends TokenscopeError {
  readonly id: string;

  constructor(id: string) {
    super(
      'run_not_found',
      `no run with id ${JSON.stringify(id)}: it was deleted or never saved; list the runs to find it`,
      { status: 404 },
    );
    this.id = id;
  }
}
