/**
 * Section `facts` of `npm run bench` (after `npm run build`): precision and recall of the critical-fact
 * detector of packages/core/dist (patterns + the `names` entry) per kind and overall, on the labelled
 * sentences and on the held-out ones, and overall per language. See docs/facts.md.
 */
import { FACT_KINDS, findFactSpans } from '../packages/core/dist/index.js';
import '../packages/core/dist/names.js';
import { FACT_SENTENCES, readFactSentences, scoreFacts } from './factScores.js';
import { formatTable } from './stats.js';

const HELD_OUT = new URL(
  '../packages/core/src/analysis/__fixtures__/factSentences.heldout.jsonl',
  import.meta.url,
);
const GOAL = 0.9;

const find = (text) =>
  findFactSpans(text).map((f) => ({ kind: f.kind, text: text.slice(f.charStart, f.charEnd) }));
const pct = (x) => x.toFixed(2);
const verdict = (c) => (c.precision >= GOAL && c.recall >= GOAL ? 'MET' : 'NOT MET');

export async function printFactScores() {
  const labelled = readFactSentences(FACT_SENTENCES);
  const heldOut = readFactSentences(HELD_OUT);
  const a = scoreFacts(labelled, find, FACT_KINDS);
  const b = scoreFacts(heldOut, find, FACT_KINDS);
  console.log(
    `\n## Critical facts (${labelled.length} labelled sentences, ${heldOut.length} held out; goal >= ${GOAL})\n`,
  );
  const row = (label, x, y) => [
    label,
    String(x.tp + x.fn),
    pct(x.precision),
    pct(x.recall),
    String(y.tp + y.fn),
    pct(y.precision),
    pct(y.recall),
  ];
  console.log(
    formatTable(
      ['kind', 'labelled', 'precision', 'recall', 'held out', 'precision', 'recall'],
      [
        ...FACT_KINDS.map((k) => row(k, a.kinds[k], b.kinds[k])),
        row(`overall (${verdict(a.overall)} / ${verdict(b.overall)})`, a.overall, b.overall),
        row(`any kind: right text (${verdict(a.spanOnly)} / ${verdict(b.spanOnly)})`, a.spanOnly, b.spanOnly),
      ],
    ),
  );
  const all = [...labelled, ...heldOut];
  const langs = [...new Set(all.map((s) => s.lang))];
  console.log('');
  console.log(
    formatTable(
      [
        'language (both sets)',
        'sentences',
        'facts',
        'precision',
        'recall',
        'right text: precision',
        'recall',
      ],
      langs.map((lang) => {
        const some = all.filter((s) => s.lang === lang);
        const x = scoreFacts(some, find, FACT_KINDS);
        return [
          lang,
          String(some.length),
          String(x.overall.tp + x.overall.fn),
          pct(x.overall.precision),
          pct(x.overall.recall),
          pct(x.spanOnly.precision),
          pct(x.spanOnly.recall),
        ];
      }),
    ),
  );
}
