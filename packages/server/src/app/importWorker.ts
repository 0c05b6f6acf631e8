/** The worker thread entry of large imports (`importInWorker`): runs `encodeImport` per message. */
import { serveTasks } from '../worker/serveTasks.js';
import { encodeImport } from './importedRun.js';

serveTasks(encodeImport);
