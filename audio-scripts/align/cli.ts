/**
 * `npm run align -- --audio <file> --out <file.json> [--from <sentence id>] [--to <sentence id>]`:
 * aligns a narrator's take to the edition's sentences and writes every sentence's and word's
 * start/end (ms on the take's timeline). Exits 1 with a message, writing nothing, when the audio
 * cannot be read, is silent, or does not match the text (the sentences that could not be placed
 * are named). The output is written to a temporary file and renamed, so a failure never leaves a
 * half-written or overwritten file.
 */
import { renameSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { AlignmentError, alignTake } from './align.ts';
import { decodeAudio } from './audio.ts';
import { loadSentences } from './text.ts';

const USAGE = 'usage: npm run align -- --audio <file> --out <file.json> [--from <sentence id>] [--to <sentence id>]';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      audio: { type: 'string' },
      out: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
    },
  });
  if (!values.audio || !values.out) throw new Error(USAGE);
  const items = loadSentences(values.from, values.to);
  const started = Date.now();
  const take = await decodeAudio(values.audio);
  const alignment = await alignTake(take, items);
  const temp = `${values.out}.${process.pid}.tmp`;
  writeFileSync(temp, `${JSON.stringify(alignment, null, 2)}\n`);
  renameSync(temp, values.out);
  const low = Object.entries(alignment.sentences).filter(([, s]) => s.confidence < 0.5).map(([id]) => id);
  console.log(
    `aligned ${items.length} sentences of ${((take.length / 16_000) / 60).toFixed(1)} min of audio in ${((Date.now() - started) / 1000).toFixed(1)} s → ${values.out}` +
      (low.length > 0 ? `\nlow confidence (check by ear): ${low.join(', ')}` : ''),
  );
}

main().catch((error: unknown) => {
  const message = error instanceof AlignmentError || error instanceof Error ? error.message : String(error);
  console.error(`align: ${message}\nnothing written.`);
  process.exitCode = 1;
});
