import { TokenscopeError } from '@tokenscope/core';

/** The port to listen on is taken by another program. */
export class PortInUseError extends TokenscopeError {
  constructor(host: string, ports: string) {
    super(
      'port_in_use',
      `cannot listen on ${host} port ${ports}: in use by another program; pass another --port (0 picks any free port)`,
    );
  }
}
