/**
 * Run ids: `r_` + 10 characters of time (milliseconds, base 32) + 16 random characters (80 bits).
 * They sort by creation time as plain strings, are unique across processes (the random part), and
 * increase strictly within one process (the random part counts up within a millisecond).
 */
import { randomBytes } from 'node:crypto';

const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz'; // Crockford base 32, lowercase: sorts like the numbers
const RANDOM_BITS = 80n;

let lastTime = -1;
let lastRandom = 0n;

export const RUN_ID = /^r_[0-9a-hjkmnp-tv-z]{26}$/;

/** A new id for a run created at `now` (ms since the epoch); returns the time the id encodes too. */
export function createRunId(now: number = Date.now()): { id: string; time: number } {
  let time = now;
  let random: bigint;
  if (time <= lastTime) {
    time = lastTime;
    random = lastRandom + 1n;
    if (random >> RANDOM_BITS !== 0n) {
      time += 1; // 2^80 ids in one millisecond: move to the next one
      random = 0n;
    }
  } else {
    random = BigInt(`0x${randomBytes(10).toString('hex')}`) >> 1n; // leave room to count up
  }
  lastTime = time;
  lastRandom = random;
  return { id: `r_${encode(BigInt(time), 10)}${encode(random, 16)}`, time };
}

function encode(value: bigint, length: number): string {
  let out = '';
  let rest = value;
  for (let i = 0; i < length; i++) {
    out = ALPHABET[Number(rest & 31n)]! + out;
    rest >>= 5n;
  }
  return out;
}
