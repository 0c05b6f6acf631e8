import type { Browser } from 'playwright-core';

/** The chromium executable the tests and the bench drive ($TOKENSCOPE_CHROMIUM, else /usr/bin/chromium). */
export declare const CHROMIUM_PATH: string;
/** Flags for a headless chromium in a container. */
export declare const CHROMIUM_ARGS: readonly string[];
/** True when the chromium executable exists. */
export declare function hasChromium(): boolean;
/** Starts a headless chromium. */
export declare function launchChromium(): Promise<Browser>;
