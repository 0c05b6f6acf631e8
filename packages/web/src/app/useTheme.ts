import { useEffect, useState } from 'preact/hooks';
import { applyTheme, loadTheme, saveTheme, type ThemeChoice } from './theme';

/** The theme choice (stored in localStorage), applied to <html> and following the OS for `system`. */
export function useTheme(): [ThemeChoice, (choice: ThemeChoice) => void] {
  const [theme, setTheme] = useState<ThemeChoice>(loadTheme);
  useEffect(() => {
    applyTheme(theme);
    const media = matchMedia('(prefers-color-scheme: dark)');
    const onChange = () => applyTheme(theme);
    media.addEventListener('change', onChange);
    return () => media.removeEventListener('change', onChange);
  }, [theme]);
  return [
    theme,
    (choice) => {
      setTheme(choice);
      saveTheme(choice);
    },
  ];
}
