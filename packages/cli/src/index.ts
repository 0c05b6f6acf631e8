export { analyzeCommand, DEFAULT_MAX_BYTES, EXIT_GATE_FAILED } from './commands/analyze.js';
export { appCommand } from './commands/app.js';
export { askCommand } from './commands/ask.js';
export { serveCommand } from './commands/serve.js';
export type { CliIo } from './io/CliIo.js';
export { buildProgram, EXIT_FAILURE, main } from './main.js';
