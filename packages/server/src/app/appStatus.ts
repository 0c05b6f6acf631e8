import type { AppStatus } from '@tokenscope/core';
import type { AppServices } from './AppServices.js';

/** `GET /api/status`: version, the local models and the default one, where runs are saved. */
export function appStatus(services: AppServices): AppStatus {
  const found = services.catalog.defaultModel();
  const status: AppStatus = {
    version: services.version,
    models: services.catalog.list(),
    defaultModel: found?.id ?? null,
    dataFile: services.store.location,
    apiKeyRequired: services.apiKey !== undefined,
  };
  if (found !== null) status.defaultModelSource = found.source;
  const help = services.catalog.help();
  if (help !== undefined) status.modelHelp = help;
  return status;
}
