import { useState } from 'preact/hooks';
import type { ApiClient, ExportFormat } from '../api/client';
import { Menu } from './Menu';

const FORMATS: Array<{ format: ExportFormat; label: string; hint: string }> = [
  { format: 'html', label: 'HTML', hint: 'one self-contained page' },
  { format: 'md', label: 'Markdown', hint: 'for notes and issues' },
  { format: 'json', label: 'JSON', hint: 'the stable JSON report' },
];

/** Download links for a run's export. With an API key a plain link cannot authenticate, so it fetches. */
export function ExportMenu({ api, runId, title }: { api: ApiClient; runId: string; title: string }) {
  const [error, setError] = useState<string | null>(null);
  const onClick = async (e: MouseEvent, format: ExportFormat) => {
    if (!api.hasApiKey()) return;
    e.preventDefault();
    setError(null);
    try {
      const blob = await api.exportRun(runId, format);
      const url = URL.createObjectURL(blob);
      const a = document.createElement('a');
      a.href = url;
      a.download = `${title.replace(/[^\w.-]+/g, '-').slice(0, 60) || 'run'}.${format}`;
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    }
  };
  return (
    <Menu label="Export ▾">
      <ul class="menu-list">
        {FORMATS.map((f) => (
          <li key={f.format}>
            <a href={api.exportUrl(runId, f.format)} download onClick={(e) => onClick(e, f.format)}>
              <strong>{f.label}</strong> <span class="muted">{f.hint}</span>
            </a>
          </li>
        ))}
      </ul>
      {error ? (
        <p class="field-error" role="alert">
          {error}
        </p>
      ) : null}
    </Menu>
  );
}
