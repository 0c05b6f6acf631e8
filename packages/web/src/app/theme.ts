/** The theme the user picked; `system` follows the operating system's setting. */
export type ThemeChoice = 'light' | 'dark' | 'system';

const KEY = 'tokenscope.theme';

export function loadTheme(
  storage: Pick<Storage, 'getItem'> | undefined = globalThis.localStorage,
): ThemeChoice {
  const value = safely(() => storage?.getItem(KEY));
  return value === 'light' || value === 'dark' ? value : 'system';
}

export function saveTheme(choice: ThemeChoice): void {
  safely(() => globalThis.localStorage?.setItem(KEY, choice));
}

/** The theme shown: the choice, or the system's preference for `system`. */
export function resolveTheme(choice: ThemeChoice, prefersDark: boolean): 'light' | 'dark' {
  if (choice === 'system') return prefersDark ? 'dark' : 'light';
  return choice;
}

/** Sets `data-theme` (light|dark) and `data-theme-choice` on <html>. */
export function applyTheme(choice: ThemeChoice): void {
  const prefersDark = globalThis.matchMedia?.('(prefers-color-scheme: dark)').matches ?? false;
  const root = document.documentElement;
  root.dataset.theme = resolveTheme(choice, prefersDark);
  root.dataset.themeChoice = choice;
}

function safely<T>(read: () => T): T | undefined {
  try {
    return read();
  } catch {
    // Storage can be disabled (private windows, file://): fall back to the default.
    return undefined;
  }
}
