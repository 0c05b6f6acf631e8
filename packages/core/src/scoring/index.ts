export { type ScoreSummary, scoreSummary, tokenRank } from './scoreSummary.js';
