/// <reference types="vite/client" />
/**
 * The X-ray harness (xray.html): renders <XRay> for one saved response, for the browser tests and the
 * bench. Query parameters:
 *   ?src=URL        fetch a saved response (any format core parses) from URL
 *   ?big=N          N tokens made by repeating the REAL recorded fixtures of packages/core (see
 *                   buildLargeResponse): the 10,000-token test and bench use ?big=10000
 *   ?stream=1       reveal the tokens a few at a time, as a live stream would (?rate=tokens per tick)
 *   ?theme=dark|light  sets data-theme on <html> (as the app shell does)
 *   ?compact=1      the compact (compare) layout
 *   ?loader=fake    a made-up distribution loader (stored top-k + a synthetic tail) for the explorer
 *   ?branch=0       no branching
 * Without ?src or ?big it shows a file picker. When the X-ray has painted, <html data-xray-painted>
 * is set and window.__xray holds { tokens, parseMs, firstPaintMs, sincePageStartMs } (ms: parse, from
 * the response text to the first frame showing the coloured text, from page start); chartsMs is added
 * when the charts have drawn (they draw after the text).
 */
import '@tokenscope/core/names';
import type { LogprobResponse, Thresholds, TopAlternative } from '@tokenscope/core';
import { DEFAULT_THRESHOLDS, parseResponse } from '@tokenscope/core';
import { render } from 'preact';
import { useEffect, useLayoutEffect, useState } from 'preact/hooks';
import { XRay } from '../xray/XRay.js';
import { buildLargeResponse } from './buildLargeResponse.js';
import { fakeDistribution } from './fakeDistribution.js';
import './harness.css';

declare global {
  interface Window {
    __xray?: {
      tokens: number;
      parseMs: number;
      firstPaintMs: number;
      sincePageStartMs: number;
      chartsMs?: number;
    };
  }
}

const query = new URLSearchParams(location.search);
const theme = query.get('theme');
if (theme === 'dark' || theme === 'light') document.documentElement.setAttribute('data-theme', theme);

const FIXTURES = import.meta.glob<string>(
  [
    '../../../core/src/formats/__fixtures__/openai-chat.tokenscope-serve-stories260k.recorded.json',
    '../../../core/src/formats/__fixtures__/openai-completions.tokenscope-serve-stories260k.recorded.json',
    '../../../core/src/formats/__fixtures__/tgi.generate.recorded.json',
    '../../../core/src/formats/__fixtures__/openai-chat.seed003.recorded.json',
  ],
  { query: '?raw', import: 'default' },
);

async function loadResponse(): Promise<{ text: string | null; build: () => LogprobResponse } | null> {
  const src = query.get('src');
  if (src) {
    const res = await fetch(src);
    if (!res.ok) throw new Error(`could not fetch ${src}: HTTP ${res.status}`);
    const text = await res.text();
    return { text, build: () => parseResponse(text) };
  }
  const big = Number(query.get('big'));
  if (big > 0) {
    const texts = await Promise.all(Object.values(FIXTURES).map((load) => load()));
    return {
      text: null,
      build: () =>
        buildLargeResponse(
          texts.map((t) => parseResponse(t)),
          big,
        ),
    };
  }
  return null;
}

function Harness() {
  const [full, setFull] = useState<LogprobResponse | null>(null);
  const [shown, setShown] = useState<LogprobResponse | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [thresholds, setThresholds] = useState<Thresholds>(DEFAULT_THRESHOLDS);
  const [branches, setBranches] = useState<string[]>([]);
  const [streaming, setStreaming] = useState(false);
  const [timing, setTiming] = useState<{ start: number; parseMs: number } | null>(null);

  const open = (build: () => LogprobResponse) => {
    const start = performance.now();
    try {
      const response = build();
      setTiming({ start, parseMs: performance.now() - start });
      setFull(response);
      setError(null);
      if (query.get('stream') === '1') {
        setStreaming(true);
        setShown(withTokens(response, 0));
      } else setShown(response);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };

  useEffect(() => {
    loadResponse().then(
      (loaded) => loaded && open(loaded.build),
      (e: unknown) => setError(e instanceof Error ? e.message : String(e)),
    );
  }, []);

  // Simulated stream: a few tokens per tick, a new response object each time (as the app shell does).
  useEffect(() => {
    if (!streaming || !full || !shown) return;
    const total = full.completions[0]?.tokens.length ?? 0;
    const have = shown.completions[0]?.tokens.length ?? 0;
    if (have >= total) {
      setStreaming(false);
      return;
    }
    const rate = Number(query.get('rate')) || 3;
    const id = setTimeout(() => setShown(withTokens(full, Math.min(total, have + rate))), 40);
    return () => clearTimeout(id);
  }, [streaming, shown, full]);

  // Time to first paint: from the response text to just after the frame that shows the X-ray's text
  // (a layout effect runs at commit; its rAF callback runs before that frame paints, the timeout after).
  useLayoutEffect(() => {
    if (!shown || !timing || window.__xray) return;
    requestAnimationFrame(() =>
      setTimeout(() => {
        const now = performance.now();
        window.__xray = {
          tokens: shown.completions[0]?.tokens.length ?? 0,
          parseMs: timing.parseMs,
          firstPaintMs: now - timing.start,
          sincePageStartMs: now,
        };
        document.documentElement.setAttribute('data-xray-painted', '');
      }, 0),
    );
    const start = timing.start;
    const seen = new MutationObserver(() => {
      if (!document.querySelector('[data-drawn]') || !window.__xray) return;
      window.__xray.chartsMs = performance.now() - start;
      seen.disconnect();
    });
    seen.observe(document.body, { subtree: true, attributes: true, attributeFilter: ['data-drawn'] });
  }, [shown, timing]);

  const onFile = async (e: Event) => {
    const file = (e.currentTarget as HTMLInputElement).files?.[0];
    if (!file) return;
    const text = await file.text();
    open(() => parseResponse(text));
  };
  const loader =
    query.get('loader') === 'fake' && full
      ? (position: number, top: number | 'all') => {
          const token = full.completions[0]?.tokens[position];
          return token
            ? new Promise<ReturnType<typeof fakeDistribution>>((resolve) =>
                setTimeout(() => resolve(fakeDistribution(token, position, top)), 30),
              )
            : Promise.reject(new Error(`no token at ${position}`));
        }
      : undefined;
  const onBranch =
    query.get('branch') === '0'
      ? undefined
      : (position: number, alt: TopAlternative) =>
          setBranches((b) => [...b, `${position}:${JSON.stringify(alt.text)}`]);

  return (
    <main style="max-width:1400px;margin:0 auto;padding:16px 20px">
      <header style="display:flex;gap:16px;align-items:center;margin-bottom:10px">
        <h1 style="font-size:1.1rem;margin:0">X-ray harness</h1>
        <label>
          Open a saved response: <input type="file" data-testid="file" onChange={onFile} />
        </label>
      </header>
      {error && (
        <p role="alert" data-testid="harness-error">
          {error}
        </p>
      )}
      {shown && (
        <XRay
          response={shown}
          streaming={streaming}
          thresholds={thresholds}
          onThresholdsChange={setThresholds}
          params={{ temperature: 0.8, topP: 0.95 }}
          compact={query.get('compact') === '1'}
          {...(loader ? { loadDistribution: loader } : {})}
          {...(onBranch ? { onBranch } : {})}
        />
      )}
      {branches.length > 0 && (
        <ol data-testid="branch-log">
          {branches.map((b) => (
            <li key={b}>{b}</li>
          ))}
        </ol>
      )}
    </main>
  );
}

function withTokens(r: LogprobResponse, n: number): LogprobResponse {
  const c = r.completions[0]!;
  const tokens = c.tokens.slice(0, n);
  return { ...r, completions: [{ ...c, tokens, text: tokens.map((t) => t.text).join('') }] };
}

render(<Harness />, document.getElementById('harness')!);
