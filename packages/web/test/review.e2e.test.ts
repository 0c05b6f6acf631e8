/**
 * The review queue and the calibration view end to end: the real `tokenscope app` (built) driven in
 * chromium. A run with sentences the confidence gate sends to review is imported; one sentence is
 * approved and one edited in #/review, and both decisions are found after a reload (queue and run
 * page). The calibration fixture is uploaded in #/calibrate: ECE, the budget answer, the diagram and
 * the charts show; a bad file shows the parser's line. Screenshots: /tmp/shots/review/.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { calibrate, parseCalibrationRows, type RunReviews } from '@tokenscope/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { chatWithLogprobs, MIXED_PIECES } from '../../server/test/reviewChat.js';
import { importRun, openApp, useAppSession } from './appSession.js';
import { REPO_ROOT } from './tokenscopeProcess.js';

const SHOTS = '/tmp/shots/review';
const CAL_FIXTURE = join(
  REPO_ROOT,
  'packages/core/src/calibration/__fixtures__/overconfident.synthetic.jsonl',
);
const WAIT = { timeout: 20_000 };
const session = useAppSession();

const chat = (pieces: Array<[string, number]>) => chatWithLogprobs(pieces, 'review-model');
// Sentence 0 confident (publish); 1 mean -2 (review); 2 mean -1 with a 5 % year (review, weak fact).
const MIXED = chat(MIXED_PIECES);

let runId: string;
beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  runId = (await importRun(session(), 'mixed-confidence.json', MIXED)).id;
});

describe('review queue and calibration in the browser', { timeout: 60_000 }, () => {
  it('approves and edits flagged sentences; the decisions are there after a reload', async () => {
    const { page, errors, dialogs } = await openApp(session());
    await page.locator('.header-nav').getByRole('link', { name: 'Review' }).click();
    const view = page.getByTestId('review-view');
    await expect
      .poll(() => view.locator('.rv-headline').textContent(), WAIT)
      .toMatch(/^2 sentences wait for review in 1 run \(all 1 run scanned\)/);
    await expect.poll(() => view.textContent()).toContain('confidence, not truth');
    const nobody = view.locator(`[data-run-id="${runId}"] [data-sentence="1"]`);
    const year = view.locator(`[data-run-id="${runId}"] [data-sentence="2"]`);
    expect(await nobody.locator('.rv-text').textContent()).toBe('Nobody knows.');
    expect(await nobody.locator('.rv-num').textContent()).toBe('-2.00');
    expect(await year.locator('.rv-facts').textContent()).toBe('Low-confidence facts: date “1889” (5.0 %)');
    expect(await year.locator('.xr-verdict').textContent()).toBe('review · weak fact');

    await nobody.getByRole('button', { name: 'Approve' }).click();
    await expect.poll(() => nobody.getByTestId('review-decision').textContent(), WAIT).toMatch(/^Approved/);
    await year.getByRole('button', { name: 'Edit…' }).click();
    await year.getByLabel('Corrected sentence').fill('It opened in 1889, they say.');
    await year.getByLabel('Note (optional)').fill('year unchecked');
    await year.getByRole('button', { name: 'Save edit' }).click();
    await expect
      .poll(() => year.getByTestId('review-decision').textContent(), WAIT)
      .toMatch(/^Edited → “It opened in 1889, they say\.” · year unchecked/);
    await page.screenshot({ path: `${SHOTS}/queue-decided.png`, fullPage: true });

    await page.reload();
    await expect
      .poll(() => page.getByTestId('review-view').locator('.rv-headline').textContent(), WAIT)
      .toMatch(/^Nothing waits for review/);

    const stored = (await (await fetch(`${session().url}/api/runs/${runId}/reviews`)).json()) as RunReviews;
    expect(stored.latest.map((r) => [r.sentence, r.decision, r.editedText ?? null])).toEqual([
      [1, 'approved', null],
      [2, 'edited', 'It opened in 1889, they say.'],
    ]);

    await page.goto(`${session().url}/#/run/${runId}`);
    const gatePanel = page.getByTestId('run-gate');
    await expect.poll(() => gatePanel.locator('.rv-sentence').count(), WAIT).toBe(3);
    await expect
      .poll(() => gatePanel.locator('[data-sentence="2"]').getByTestId('review-decision').textContent(), WAIT)
      .toMatch(/^Edited → “It opened in 1889, they say\.”/);
    expect(
      await gatePanel.locator('[data-sentence="1"]').getByTestId('review-decision').textContent(),
    ).toMatch(/^Approved/);
    expect(await gatePanel.locator('[data-sentence="0"] .xr-verdict').textContent()).toBe(
      'publish · model confident',
    );
    expect(await gatePanel.locator('.card-head').textContent()).toMatch(
      /2 of 3 sentences need review · 2 decided · 0 waiting/,
    );
    // The X-ray summary shows core's gate verdicts too.
    expect(
      await page.getByTestId('xray-summary').locator('.xr-sentence .xr-verdict').allTextContents(),
    ).toEqual(['publish · model confident', 'review · model unsure', 'review · weak fact']);
    // Reject on the run page, then stricter thresholds apply to every view on the page.
    await gatePanel.locator('[data-sentence="0"]').getByRole('button', { name: 'Reject' }).click();
    await expect
      .poll(() => gatePanel.locator('[data-sentence="0"]').getByTestId('review-decision').textContent(), WAIT)
      .toMatch(/^Rejected/);
    await gatePanel.locator('summary', { hasText: 'Gate thresholds' }).click();
    await gatePanel.getByLabel('Review below').fill('-2.5');
    await expect
      .poll(() => gatePanel.locator('[data-sentence="1"] .xr-verdict').textContent())
      .toBe('publish · model hesitant');
    await gatePanel.getByLabel('Publish above').fill('-3');
    expect(await gatePanel.locator('[role=alert]').textContent()).toMatch(
      /must be above the review threshold/,
    );
    await gatePanel.screenshot({ path: `${SHOTS}/run-gate.png` });
    expect(errors).toEqual([]);
    expect(dialogs).toEqual([]);
    await page.context().close();
  });

  it('shows the queue in the dark theme', async () => {
    await importRun(session(), 'still-waiting.json', MIXED);
    const { page, errors } = await openApp(session(), '#/review', { dark: true });
    await expect
      .poll(() => page.getByTestId('review-view').locator('.rv-headline').textContent(), WAIT)
      .toMatch(/^2 sentences wait for review in 1 run \(all 2 runs scanned\)/);
    await page.screenshot({ path: `${SHOTS}/queue-dark.png`, fullPage: true });
    expect(errors).toEqual([]);
    await page.context().close();
  });

  for (const dark of [false, true]) {
    it(`calibrates the fixture in the browser: ECE, budget answer, diagram, charts (${dark ? 'dark' : 'light'})`, async () => {
      const { page, errors } = await openApp(session(), '#/', { dark, height: 1400 });
      await page.locator('.header-nav').getByRole('link', { name: 'Calibrate' }).click();
      await page.getByTestId('cal-file').setInputFiles(CAL_FIXTURE);
      const expected = calibrate(parseCalibrationRows(readFileSync(CAL_FIXTURE, 'utf8')), {
        bins: 10,
        bootstrap: 1000,
        seed: 1,
        budget: 0.12,
        catch: 0.8,
      });
      await expect
        .poll(() => page.getByTestId('cal-ece').textContent(), WAIT)
        .toBe(expected.metrics.equalWidth.ece.toFixed(3));
      expect(await page.getByTestId('cal-budget').textContent()).toMatch(
        /^Flag [\d.]+ % of answers \(confidence ≤ 0\.\d\d\): catches [\d.]+ % of errors \(\d+ of \d+\), within a budget of 12 %\./,
      );
      const diagram = page.getByTestId('cal-diagram');
      await expect
        .poll(() => diagram.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0), WAIT)
        .toBe(true);
      expect(await diagram.getAttribute('src')).toMatch(/^data:image\/svg\+xml;charset=utf-8,%3Csvg/);
      await expect
        .poll(() => page.getByTestId('cal-risk-chart').getAttribute('data-drawn'), WAIT)
        .toBe('true');
      await expect
        .poll(() => page.getByTestId('cal-maps-chart').getAttribute('data-drawn'), WAIT)
        .toBe('true');
      expect(await page.getByTestId('cal-table').locator('thead th').allTextContents()).toEqual([
        'metric',
        'raw',
        'Platt',
        'isotonic',
        'temperature',
      ]);
      await page.screenshot({ path: `${SHOTS}/calibrate-${dark ? 'dark' : 'light'}.png`, fullPage: true });
      await page.getByTestId('cal-maps-chart').scrollIntoViewIfNeeded();
      await page.screenshot({ path: `${SHOTS}/calibrate-charts-${dark ? 'dark' : 'light'}.png` });

      if (!dark) {
        // Equal-mass bins change the diagram; a setting core refuses shows its message.
        await page.getByLabel('Diagram bins').selectOption('mass');
        await expect.poll(() => diagram.getAttribute('alt')).toMatch(/equal-mass bins/);
        await page.locator('input[name=cal-bins]').fill('0');
        expect(await page.locator('.cal-controls .field-error').first().textContent()).toMatch(/1 to 1000/);
        await page.locator('input[name=cal-bins]').fill('10');
        // A bad file: the parser's message with the line number; a drop is taken as a calibration set,
        // never as an import of a response.
        await page.evaluate(() => {
          const data = new DataTransfer();
          data.items.add(
            new File(
              ['{"confidence": 0.9, "correct": true}\n{"confidence": 2, "correct": true}\n'],
              'bad.jsonl',
            ),
          );
          for (const type of ['dragenter', 'dragover', 'drop']) {
            document.body.dispatchEvent(
              new DragEvent(type, { dataTransfer: data, bubbles: true, cancelable: true }),
            );
          }
        });
        await expect
          .poll(() => page.getByTestId('cal-error').textContent(), WAIT)
          .toBe('bad.jsonl: line 2, field "confidence": expected a probability in 0..1, got 2');
        expect(await page.locator('.drop-overlay').count()).toBe(0);
        expect(await page.locator('.notice').count()).toBe(0);
      }
      expect(errors).toEqual([]);
      await page.context().close();
    });
  }

  it('lists the sentences of a long answer 100 at a time, the others behind "Show more"', async () => {
    // 250 sentences, every fifth unsure (mean logprob about -2: review). Runs last: it adds to the queue.
    const pieces: Array<[string, number]> = [];
    for (let i = 0; i < 250; i++) pieces.push([` Line ${i}`, i % 5 === 0 ? -4 : -0.05], ['.', -0.05]);
    const long = await importRun(session(), 'long-answer.json', chat(pieces));
    const { page, errors } = await openApp(session(), `#/run/${long.id}`);
    const gatePanel = page.getByTestId('run-gate');
    await expect.poll(() => gatePanel.locator('.rv-sentence').count(), WAIT).toBe(100);
    expect(await gatePanel.locator('.card-head').textContent()).toMatch(/50 of 250 sentences need review/);
    expect(await gatePanel.locator('.rv-more').textContent()).toMatch(
      /Show 100 more.*100 of 250 sentences shown/,
    );
    await gatePanel.getByRole('button', { name: 'Show 100 more' }).click();
    await gatePanel.getByRole('button', { name: 'Show 50 more' }).click();
    expect(await gatePanel.locator('.rv-sentence').count()).toBe(250);
    expect(await gatePanel.locator('.rv-more').count()).toBe(0);
    expect(await gatePanel.locator('.rv-sentence').last().getAttribute('data-sentence')).toBe('249');
    // The review filter pages the same way: its 50 fit on one page.
    await gatePanel.getByLabel('Only sentences for review').check();
    expect(await gatePanel.locator('.rv-sentence').count()).toBe(50);
    expect(errors).toEqual([]);
  });
});
