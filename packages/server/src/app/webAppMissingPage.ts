import { escapeHtml } from '@tokenscope/core';

/** The page served at `/` when the web app has not been built (no `index.html` in `root`). */
export function webAppMissingPage(root: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8" />
<meta name="viewport" content="width=device-width, initial-scale=1" />
<title>Tokenscope: the web app is not built</title>
<style>
  body { font: 16px/1.5 system-ui, sans-serif; max-width: 40rem; margin: 4rem auto; padding: 0 1rem; color: #1f2328; }
  code, pre { font-family: ui-monospace, monospace; background: #f3f4f6; border-radius: 4px; }
  pre { padding: 0.75rem 1rem; }
  @media (prefers-color-scheme: dark) { body { background: #0d1117; color: #e6edf3; } code, pre { background: #21262d; } }
</style>
</head>
<body>
<h1>The X-ray web app is not built</h1>
<p>This server found no <code>index.html</code> in <code>${escapeHtml(root)}</code>. Build the app once, then reload this page:</p>
<pre>npm run build</pre>
<p>(or <code>npx vite build packages/web</code>). The APIs work without it: <code>/v1</code> (OpenAI-compatible) and <code>/api</code>.</p>
</body>
</html>
`;
}
