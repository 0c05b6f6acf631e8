/**
 * Honest endings and control tokens in the app's run view, through the real product (`tokenscope
 * app`, built, on the shared stories260K model) in chromium: a run cut off by its token limit says so
 * above the text; a constrained run cut off before its JSON is complete says that too; an imported
 * vLLM answer that ends in `<|eot_id|>` shows it as a small marker, not as a word of the text.
 * Screenshots: /tmp/shots/e2e/.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES_DIR, generate, importRun, openApp, SHOTS, useAppSession } from './appSession.js';

const session = useAppSession();

async function localRun(body: Omit<Parameters<typeof generate>[1], 'target' | 'prompt'>) {
  const events = await generate(session().url, {
    target: { kind: 'local', model: 'stories260K' },
    prompt: { kind: 'text', text: 'Once upon a time' },
    ...body,
  });
  const done = events.find((e) => e.type === 'done');
  if (done?.type !== 'done') throw new Error(`no done event: ${JSON.stringify(events.at(-1))}`);
  return done.run;
}

const notes = (page: import('playwright-core').Page) => page.getByTestId('xray-ending');

describe('endings in the run view', { timeout: 60_000 }, () => {
  it('a run cut off by max tokens says so above the text; one that ended by itself does not', async () => {
    const cut = await localRun({ params: { maxTokens: 4, topLogprobs: 3, seed: 1, temperature: 0 } });
    expect(cut.response.completions[0]!.finishReason).toBe('length');
    const { page, errors, context } = await openApp(session(), `#/run/${cut.id}`);
    await notes(page).first().waitFor();
    expect(await notes(page).allTextContents()).toEqual([
      'Cut off: generation stopped at the token limit (finish reason "length"): the answer is incomplete.',
    ]);
    expect(await notes(page).first().getAttribute('data-ending')).toBe('cut-off');
    await page.screenshot({ path: `${SHOTS}/ending-cut-off.png` });
    expect(errors).toEqual([]);
    await context.close();

    // stories260K rarely ends a story by itself: a stop sequence ends this one.
    const whole = await localRun({
      params: { maxTokens: 200, topLogprobs: 3, seed: 1, temperature: 0, stop: ['.'] },
    });
    expect(whole.response.completions[0]!.finishReason).toBe('stop');
    const second = await openApp(session(), `#/run/${whole.id}`);
    await second.page.locator('[data-testid=xray-text] .xr-t').first().waitFor();
    expect(await notes(second.page).count()).toBe(0);
    await second.context.close();
  });

  it('a JSON-schema run cut off before its JSON is complete is flagged incomplete', async () => {
    const run = await localRun({
      params: { maxTokens: 6, topLogprobs: 3, seed: 1, temperature: 0 },
      constraint: {
        kind: 'json-schema',
        schema: { type: 'object', properties: { name: { type: 'string' } } },
      },
    });
    expect(run.response.completions[0]!.constraint).toMatchObject({ kind: 'json-schema', complete: false });
    const { page, context } = await openApp(session(), `#/run/${run.id}`);
    await notes(page).first().waitFor();
    const texts = await notes(page).allTextContents();
    expect(texts[0]).toMatch(/^Cut off: /);
    expect(texts[1]).toMatch(
      /^Incomplete: the answer does not satisfy its constraint: the output is not valid JSON \(the token limit cut it off\): /,
    );
    await page.screenshot({ path: `${SHOTS}/ending-incomplete-json.png` });
    await context.close();
  });

  it('an imported vLLM answer ending in <|eot_id|> shows a small marker, and the text is message.content', async () => {
    const text = readFileSync(join(FIXTURES_DIR, 'vllm.chat-llama31-eot.unrecorded.json'), 'utf8');
    const run = await importRun(session(), 'llama31-eot.json', text);
    const { page, errors, context } = await openApp(session(), `#/run/${run.id}`);
    const marker = page.locator('[data-testid=xray-text] .xr-ctl');
    await marker.waitFor();
    expect(await marker.textContent()).toBe('⟨eot_id⟩');
    expect(await marker.getAttribute('aria-label')).toMatch(/^"<\|eot_id\|>", control token/);
    // The answer's text, token by token, without the marker, is the provider's message.content.
    const words = await page
      .locator('[data-testid=xray-text] .xr-t:not(.xr-ctl)')
      .evaluateAll((els) => els.map((el) => el.textContent ?? '').join(''));
    expect(words).toBe('The capital of France is Paris.');
    expect(await page.locator('[data-testid=xray]').textContent()).toContain(
      '7 tokens (+1 control token, not counted)',
    );
    expect(await notes(page).count()).toBe(0);
    await page.screenshot({ path: `${SHOTS}/control-token.png` });
    expect(errors).toEqual([]);
    await context.close();
  });
});
