import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The web app's own build in the monorepo (packages/web/dist), from src/app and dist/app alike. */
const workspace = fileURLToPath(new URL('../../../web/dist/', import.meta.url));
/** The copy shipped in the published package (dist/web), put there by `npm pack` (scripts/packWebApp.mjs). */
const packaged = fileURLToPath(new URL('../web/', import.meta.url));

/**
 * Folder of the built web app (index.html and assets) that `createApp` serves at `/` by default: in
 * the monorepo packages/web/dist, so a rebuilt app is served at once; in an installed package the
 * copy it ships in dist/web (the web app is private and never installed).
 */
export const webRoot: string = existsSync(`${workspace}../package.json`) ? workspace : packaged;
