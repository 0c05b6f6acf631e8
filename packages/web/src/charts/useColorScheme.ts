import { useEffect, useState } from 'preact/hooks';

export type ColorScheme = 'light' | 'dark';

/** The scheme in force: `data-theme` on <html> (set by the app shell) wins over prefers-color-scheme. */
export function currentColorScheme(): ColorScheme {
  const attr = document.documentElement.getAttribute('data-theme');
  if (attr === 'light' || attr === 'dark') return attr;
  return window.matchMedia?.('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

/** The current colour scheme, updated when `data-theme` or the system preference changes. */
export function useColorScheme(): ColorScheme {
  const [scheme, setScheme] = useState<ColorScheme>(currentColorScheme);
  useEffect(() => {
    const update = () => setScheme(currentColorScheme());
    const observer = new MutationObserver(update);
    observer.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
    const media = window.matchMedia?.('(prefers-color-scheme: dark)');
    media?.addEventListener('change', update);
    return () => {
      observer.disconnect();
      media?.removeEventListener('change', update);
    };
  }, []);
  return scheme;
}
