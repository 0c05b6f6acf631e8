export { EngineClosedError } from './EngineClosedError.js';
export { EngineCrashedError, type ProcessExit } from './EngineCrashedError.js';
export { EngineProcess, type EngineProcessOptions } from './EngineProcess.js';
export { EngineStartError } from './EngineStartError.js';
export { EngineUnavailableError } from './EngineUnavailableError.js';
export { engineHostEntry, startEngineProcess } from './startEngineProcess.js';
