import type { AppStatus, GenerateBody, RunRecord, Thresholds, TopAlternative } from '@tokenscope/core';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { CalibrateView } from '../calibrate/CalibrateView';
import { CompareView } from '../compare/CompareView';
import { ComposePanel } from '../compose/ComposePanel';
import { type ComposeForm, emptyForm, formFromRun } from '../compose/composeForm';
import { modeForModel } from '../compose/modeForModel';
import { DatasetsView } from '../datasets/DatasetsView';
import { HistorySidebar } from '../history/HistorySidebar';
import { EMPTY_HISTORY_FILTER, type HistoryFilter } from '../history/historyFilter';
import { ReviewView } from '../review/ReviewView';
import { ClassifyView } from '../tools/ClassifyView';
import { RerankView } from '../tools/RerankView';
import { ScoreView } from '../tools/ScoreView';
import { branchBody } from './branchBody';
import { Header } from './Header';
import { HomeView } from './HomeView';
import { ImportNotice, useImport } from './ImportNotice';
import { KeyDialog } from './KeyDialog';
import { Notice } from './Notice';
import { noModelMessage } from './noModelMessage';
import { RunView } from './RunView';
import { StreamView } from './StreamView';
import { loadThresholds, saveThresholds } from './storedThresholds';
import { useApiClient } from './useApiClient';
import { useFileDrop } from './useFileDrop';
import { navigate, useHashRoute } from './useHashRoute';
import { type StreamOutcome, useRunStream } from './useRunStream';
import { useTheme } from './useTheme';

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** The app: header, history, compose, and the view the URL names (a run, a comparison, or home). */
export function App() {
  const route = useHashRoute();
  const { api, keyRequest, askKey } = useApiClient();
  const [theme, setTheme] = useTheme();

  const [thresholds, setThresholdsState] = useState<Thresholds>(loadThresholds);
  const setThresholds = useCallback((t: Thresholds) => {
    setThresholdsState(t);
    saveThresholds(t);
  }, []);

  const [status, setStatus] = useState<AppStatus | null>(null);
  const [statusError, setStatusError] = useState<string | null>(null);
  const [form, setForm] = useState<ComposeForm>(() => emptyForm());
  const loadStatus = useCallback(() => {
    setStatusError(null);
    api
      .status()
      .then((s) => {
        setStatus(s);
        setForm((f) => {
          const model = (id: string) => s.models.find((m) => m.id === id);
          if (f.localModel || !s.defaultModel) return modeForModel(f, model(f.localModel));
          // The user has not started on a remote endpoint: the default local model is selected.
          const untouched = f.remote.baseURL === '' && f.remote.model === '';
          const next = {
            ...f,
            localModel: s.defaultModel,
            ...(untouched ? { target: 'local' as const } : {}),
          };
          return modeForModel(next, model(s.defaultModel));
        });
      })
      .catch((e: unknown) => setStatusError(message(e)));
  }, [api]);
  useEffect(loadStatus, [loadStatus]);

  const [refreshKey, setRefreshKey] = useState(0);
  const refresh = useCallback(() => setRefreshKey((n) => n + 1), []);
  const [hasRuns, setHasRuns] = useState(true);
  useEffect(() => {
    api
      .listRuns({ limit: 1 })
      .then((l) => setHasRuns(l.total > 0))
      .catch(() => undefined);
  }, [api, refreshKey]);

  // The open run.
  const runId = route.name === 'run' ? route.id : null;
  const [run, setRun] = useState<RunRecord | null>(null);
  const [runError, setRunError] = useState<string | null>(null);
  useEffect(() => {
    if (runId === null) return;
    if (run?.id === runId) return;
    const controller = new AbortController();
    setRunError(null);
    api
      .getRun(runId, controller.signal)
      .then(setRun)
      .catch((e: unknown) => {
        if (!controller.signal.aborted) setRunError(message(e));
      });
    return () => controller.abort();
  }, [api, runId, run?.id]);

  const [composeOpen, setComposeOpen] = useState(route.name === 'home');
  useEffect(() => setComposeOpen(route.name === 'home'), [route.name]);

  const { stream, start, stop, dismiss } = useRunStream();
  useEffect(() => {
    if (stream && !stream.streaming) dismiss();
    // Only a change of route clears a finished stream (the stream is read, not watched).
  }, [route]);

  // The endpoint refused logprobs for the run just made (shown on that run until another opens).
  const [fallback, setFallback] = useState<{ runId: string; message: string } | null>(null);
  const opened = useCallback(
    (saved: RunRecord, outcome: StreamOutcome = {}) => {
      setFallback(outcome.fallback ? { runId: saved.id, message: outcome.fallback } : null);
      setRun(saved);
      refresh();
      loadStatus(); // the run has loaded its model: the status now knows it (chat template, sizes)
      navigate({ name: 'run', id: saved.id });
    },
    [refresh, loadStatus],
  );

  const onRun = (body: GenerateBody) =>
    void start({
      kind: 'generate',
      label: body.target.model,
      distribution: body.target.kind === 'local' ? (body.params.distribution ?? 'raw') : 'unknown',
      format: body.prompt.kind === 'chat' ? 'openai-chat' : 'openai-completions',
      run: (onEvent, signal) => api.generate(body, onEvent, signal),
      onDone: opened,
    });

  const onBranch = async (parent: RunRecord, position: number, token: TopAlternative) => {
    let apiKey: string | undefined;
    if (parent.source === 'remote' || (parent.endpoint && parent.source === 'branch')) {
      const sameEndpoint = form.remote.baseURL.trim() === parent.endpoint;
      const key = await askKey({
        title: 'Key for the remote endpoint',
        message: `This run was made on ${parent.endpoint ?? 'a remote endpoint'}. Its key was not saved: give it again to branch (empty if the endpoint needs none).`,
        ...(sameEndpoint && form.remote.apiKey ? { initial: form.remote.apiKey } : {}),
      });
      if (key === null) return;
      if (key) apiKey = key;
    }
    const completion = parent.response.completions[0];
    void start({
      kind: 'branch',
      label: `${parent.title} at #${position} → ${JSON.stringify(token.text)}`,
      distribution: completion?.distribution ?? 'unknown',
      format: parent.response.format,
      prefix: completion?.tokens.slice(0, position) ?? [],
      run: (onEvent, signal) => api.branch(parent.id, branchBody(position, token, apiKey), onEvent, signal),
      onDone: opened,
    });
  };

  // Import: file picker and drop anywhere.
  const fileInput = useRef<HTMLInputElement>(null);
  const imports = useImport(api, opened);
  const importFile = useCallback((file: File) => imports.importFile(file), [imports.importFile]);
  const dragging = useFileDrop(importFile);

  const [sidebarOpen, setSidebarOpen] = useState(false);
  const [historyFilter, setHistoryFilter] = useState<HistoryFilter>(EMPTY_HISTORY_FILTER);
  // A group of the datasets view: its runs in the history (open on a narrow screen), the list focused.
  const showRuns = useCallback((filter: HistoryFilter) => {
    setHistoryFilter(filter);
    setSidebarOpen(true);
    requestAnimationFrame(() => {
      const sidebar = document.getElementById('history');
      sidebar?.scrollTo({ top: 0 });
      sidebar?.querySelector<HTMLElement>('[data-testid=history-filtered]')?.focus();
    });
  }, []);
  // A change of route closes the menu and old notices.
  useEffect(() => {
    setSidebarOpen(false);
    document.getElementById('main')?.scrollTo({ top: 0 });
    if (imports.state?.error) imports.dismiss();
  }, [route]);

  const noModel = status !== null && status.defaultModel === null;
  const showRun = route.name === 'run' && run?.id === route.id;

  return (
    <div class="shell">
      <a class="skip-link" href="#main">
        Skip to content
      </a>
      <Header
        status={status}
        statusError={statusError}
        theme={theme}
        onTheme={setTheme}
        onImport={() => fileInput.current?.click()}
        sidebarOpen={sidebarOpen}
        onToggleSidebar={() => setSidebarOpen((o) => !o)}
      />
      <input
        ref={fileInput}
        type="file"
        class="visually-hidden"
        tabIndex={-1}
        aria-label="Import a saved response"
        onChange={(e) => {
          const file = e.currentTarget.files?.[0];
          if (file) importFile(file);
          e.currentTarget.value = '';
        }}
      />
      <div class={`shell-body${sidebarOpen ? ' sidebar-open' : ''}`}>
        <HistorySidebar
          api={api}
          currentId={runId}
          thresholds={thresholds}
          refreshKey={refreshKey}
          onChanged={() => {
            if (runId) api.getRun(runId).then(setRun, () => undefined);
          }}
          onDeleted={(id) => {
            refresh();
            if (id === runId) navigate({ name: 'home' });
          }}
          filter={historyFilter}
          onFilterChange={setHistoryFilter}
        />
        <main class="shell-main" id="main" tabIndex={-1}>
          {statusError ? (
            <Notice
              kind="error"
              title="The Tokenscope server does not answer"
              action={{ label: 'Retry', onClick: loadStatus }}
            >
              {statusError}
            </Notice>
          ) : null}
          {noModel ? (
            <Notice kind="warn" title="No local model found">
              {noModelMessage(status?.modelHelp)}
            </Notice>
          ) : null}
          {imports.state ? (
            <ImportNotice
              key={imports.state.file.name}
              state={imports.state}
              onRetry={imports.importFile}
              onDismiss={imports.dismiss}
            />
          ) : null}
          {route.name === 'home' || route.name === 'run' || route.name === 'not-found' ? (
            <ComposePanel
              status={status}
              form={form}
              onChange={setForm}
              onRun={onRun}
              streaming={stream?.streaming ?? false}
              collapsed={!composeOpen}
              onToggle={() => setComposeOpen((o) => !o)}
            />
          ) : null}
          {stream ? (
            <StreamView
              stream={stream}
              thresholds={thresholds}
              onThresholdsChange={setThresholds}
              onStop={stop}
              onDismiss={dismiss}
            />
          ) : route.name === 'home' ? (
            <HomeView
              hasRuns={hasRuns}
              onExample={(text) => {
                setForm({ ...form, mode: 'text', text });
                setComposeOpen(true);
              }}
            />
          ) : route.name === 'run' ? (
            runError ? (
              <Notice
                kind="error"
                title="Could not open this run"
                action={{ label: 'New run', onClick: () => navigate({ name: 'home' }) }}
              >
                {runError}
              </Notice>
            ) : showRun && run ? (
              <RunView
                api={api}
                run={run}
                thresholds={thresholds}
                onThresholdsChange={setThresholds}
                refreshKey={refreshKey}
                fallback={fallback?.runId === run.id ? fallback.message : undefined}
                onReuse={(r) => {
                  setForm(formFromRun(r, form));
                  setComposeOpen(true);
                  document.getElementById('compose-title')?.scrollIntoView({ behavior: 'smooth' });
                }}
                {...(run.source !== 'import'
                  ? { onBranch: (p: number, t: TopAlternative) => void onBranch(run, p, t) }
                  : {})}
              />
            ) : (
              <p class="muted" aria-busy="true">
                Loading the run…
              </p>
            )
          ) : route.name === 'review' ? (
            <ReviewView api={api} />
          ) : route.name === 'calibrate' ? (
            <CalibrateView />
          ) : route.name === 'datasets' ? (
            <DatasetsView key={route.query} api={api} query={route.query} onShowRuns={showRuns} />
          ) : route.name === 'classify' ? (
            <ClassifyView api={api} status={status} form={form} onForm={setForm} />
          ) : route.name === 'rerank' ? (
            <RerankView api={api} status={status} form={form} onForm={setForm} />
          ) : route.name === 'score' ? (
            <ScoreView
              api={api}
              status={status}
              form={form}
              onForm={setForm}
              thresholds={thresholds}
              onThresholdsChange={setThresholds}
              onSaved={refresh}
            />
          ) : route.name === 'compare' ? (
            <CompareView
              api={api}
              ids={route.ids}
              thresholds={thresholds}
              onThresholdsChange={setThresholds}
            />
          ) : (
            <Notice
              kind="error"
              title="Nothing here"
              action={{ label: 'New run', onClick: () => navigate({ name: 'home' }) }}
            >
              The address {route.hash} names no view of the app.
            </Notice>
          )}
          <p class="truth-note">
            Logprobs measure the model's confidence, not truth: a model can be sure of a wrong fact.
          </p>
        </main>
      </div>
      {dragging ? (
        <div class="drop-overlay" aria-hidden="true">
          <div>
            Drop a saved response to import it
            <small>
              Any format Tokenscope reads: OpenAI, llama.cpp, vLLM, Ollama, TGI, Gemini… (JSON, SSE or JSON
              lines)
            </small>
          </div>
        </div>
      ) : null}
      <KeyDialog request={keyRequest} />
    </div>
  );
}
