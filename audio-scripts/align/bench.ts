/**
 * `npm run bench:align`: builds a full-length test take (every sentence, read word by word by flite
 * kal, uneven pauses), aligns it, and prints the sentence start error (median, p95), the word start
 * error (median, p95) and the alignment's run time as a fraction of the take's duration (target
 * ≤ 0.25). The take's synthesis is not timed; the aligner's own reference synthesis is, from a cold
 * word cache unless `--warm`.
 */
import { rmSync } from 'node:fs';
import { REFERENCE_VOICE, wordCache } from './audio.ts';
import { alignTake } from './align.ts';
import { loadSentences } from './text.ts';
import { makeTestTake, quantile, startErrors } from './test-take.ts';

const items = loadSentences();
const take = await makeTestTake(items, 42);
if (!process.argv.includes('--warm')) {
  // Forget the reference voice's cached words: the reference is synthesized in the timed run.
  rmSync(wordCache(REFERENCE_VOICE), { recursive: true, force: true });
}
const started = performance.now();
const alignment = await alignTake(take.samples, items, { refuse: false });
const seconds = (performance.now() - started) / 1000;
const errors = startErrors(alignment, take.truth);
const ms = (value: number) => `${Math.round(value)} ms`;
console.log(`take: ${items.length} sentences, ${errors.words.length} words, ${(take.durationMs / 60_000).toFixed(1)} min`);
console.log(`sentence start error: median ${ms(quantile(errors.sentences, 0.5))}, p95 ${ms(quantile(errors.sentences, 0.95))}, max ${ms(quantile(errors.sentences, 1))}`);
console.log(`word start error: median ${ms(quantile(errors.words, 0.5))}, p95 ${ms(quantile(errors.words, 0.95))}`);
const low = Object.entries(alignment.sentences).filter(([, s]) => s.confidence === 0).map(([id]) => id);
console.log(`sentences the CLI would refuse (confidence 0): ${low.length === 0 ? 'none' : low.join(', ')}`);
console.log(`alignment: ${seconds.toFixed(1)} s = ${(seconds / (take.durationMs / 1000)).toFixed(3)} × real time`);
