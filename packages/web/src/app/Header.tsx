import type { AppStatus } from '@tokenscope/core';
import { Menu } from './Menu';
import type { ThemeChoice } from './theme';
import { useHashRoute } from './useHashRoute';

export interface HeaderProps {
  status: AppStatus | null;
  statusError: string | null;
  theme: ThemeChoice;
  onTheme: (theme: ThemeChoice) => void;
  onImport: () => void;
  sidebarOpen: boolean;
  onToggleSidebar: () => void;
}

const VIEWS = [
  { name: 'datasets', label: 'Datasets' },
  { name: 'review', label: 'Review' },
  { name: 'calibrate', label: 'Calibrate' },
  { name: 'classify', label: 'Classify' },
  { name: 'rerank', label: 'Rerank' },
  { name: 'score', label: 'Score' },
] as const;

/** The links to the views, marking the current one (as list items inside a menu). */
function ViewLinks({ current, item = false }: { current: string; item?: boolean }) {
  const links = VIEWS.map((v) => (
    <a key={v.name} href={`#/${v.name}`} aria-current={current === v.name ? 'page' : undefined}>
      {v.label}
    </a>
  ));
  return <>{item ? links.map((a) => <li key={a.key}>{a}</li>) : links}</>;
}

const THEMES: Array<{ value: ThemeChoice; label: string }> = [
  { value: 'light', label: 'Light' },
  { value: 'dark', label: 'Dark' },
  { value: 'system', label: 'System' },
];

/** The app bar: brand, which model is ready (or what is wrong), import, theme. */
export function Header(props: HeaderProps) {
  const { status, statusError } = props;
  const route = useHashRoute();
  let dot = 'status-dot';
  let text = 'Connecting…';
  if (statusError) {
    dot += ' down';
    text = 'Server unreachable';
  } else if (status) {
    if (status.defaultModel) {
      dot += ' ok';
      text = `${status.defaultModel}${status.defaultModelSource ? ` · from ${status.defaultModelSource}` : ''}`;
    } else {
      dot += ' warn';
      text = 'No local model · remote endpoints work';
    }
  }
  return (
    <header class="header">
      <button
        type="button"
        class="btn btn-ghost btn-small menu-toggle"
        aria-expanded={props.sidebarOpen}
        aria-controls="history"
        onClick={props.onToggleSidebar}
      >
        History
      </button>
      <a class="brand" href="#/" aria-label="Tokenscope, new run">
        <span class="brand-mark" aria-hidden="true">
          <i style={{ background: 'var(--ts-band-green)' }} />
          <i style={{ background: 'var(--ts-band-yellow)', height: '12px', marginTop: '4px' }} />
          <i style={{ background: 'var(--ts-band-red)', height: '8px', marginTop: '8px' }} />
        </span>
        Tokenscope
      </a>
      <output
        class="header-status"
        aria-live="polite"
        title={status?.dataFile ? `Runs saved in ${status.dataFile}` : undefined}
      >
        <span class={dot} aria-hidden="true" />
        {text}
        {status ? <span class="muted">· v{status.version}</span> : null}
      </output>
      <span class="header-spacer" />
      <nav class="header-nav" aria-label="Views">
        <ViewLinks current={route.name} />
      </nav>
      {/* On a narrow screen the links fold into one menu button (the header keeps to two rows). */}
      <nav class="header-nav-menu" aria-label="Views">
        <Menu label="Views ▾">
          <ul class="menu-list">
            <ViewLinks current={route.name} item />
          </ul>
        </Menu>
      </nav>
      <div class="header-actions">
        <button type="button" class="btn btn-small" onClick={props.onImport}>
          Import…
        </button>
        <fieldset class="segmented">
          <legend class="visually-hidden">Theme</legend>
          {THEMES.map((t) => (
            <button
              key={t.value}
              type="button"
              aria-pressed={props.theme === t.value}
              onClick={() => props.onTheme(t.value)}
            >
              {t.label}
            </button>
          ))}
        </fieldset>
      </div>
    </header>
  );
}
