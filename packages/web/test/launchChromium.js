/**
 * Debian's chromium driven by playwright-core, for the browser tests and `npm run bench`:
 * $TOKENSCOPE_CHROMIUM, else /usr/bin/chromium. Plain JavaScript (typed by launchChromium.d.ts) so
 * that bench/web.js can use it without a build.
 */
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';

/** The chromium executable the tests and the bench drive. */
export const CHROMIUM_PATH = process.env.TOKENSCOPE_CHROMIUM || '/usr/bin/chromium';

/** Flags for a headless chromium in a container: no sandbox, no GPU, no background traffic. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** True when the chromium executable exists. */
export function hasChromium() {
  return existsSync(CHROMIUM_PATH);
}

/** Starts a headless chromium. */
export function launchChromium() {
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
}
