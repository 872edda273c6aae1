// Word times of the rendered narration (audio-scripts/word-times.ts), per engine of voices.json:
// - festival (the HTS voice and the diphone voice): connected speech, against the times festival's
//   own Word relation gives for the same utterance;
// - flite and espeak-ng (whose command lines give no word times): words synthesized one by one and
//   joined with short uneven gaps, so every word's start is known;
// - a sentence of the edition with a respelled name, rendered as `npm run audio` renders it: the
//   name's words are found under the displayed name.
// And `tidyWords`, which makes aligned words fit the manifest. Needs festival, flite, espeak-ng, sox.
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { synthesizeWords } from '../../../audio-scripts/align/align.ts';
import { RATE } from '../../../audio-scripts/align/audio.ts';
import { quantile, random } from '../../../audio-scripts/align/test-take.ts';
import { loadSentences } from '../../../audio-scripts/align/text.ts';
import { readWav } from '../../../audio-scripts/audio-tools.ts';
import { synthesizeClip } from '../../../audio-scripts/clips.ts';
import { engineText } from '../../../audio-scripts/engines.ts';
import { sentenceWordTimes, tidyWords } from '../../../audio-scripts/word-times.ts';
import { validateWords, type OfflineVoice } from '../../../src/narration/audio-manifest.ts';
import type { NarrationItem } from '../../../src/narration/types.ts';

const run = promisify(execFile);
const scratch = mkdtempSync(join(tmpdir(), 'word-times-'));

/** A one-span sentence whose spoken text is its displayed text. */
function sentence(text: string, speaker: NarrationItem['speaker'] = 'kollontai'): NarrationItem {
  return { id: 's-test', index: 0, speaker, paragraph: 'p', section: 's', text, spans: [{ speaker, text, displayStart: 0, displayText: text }] };
}

/** Absolute start errors (ms) of found words against known starts, word for word. */
function startErrors(found: ReadonlyArray<{ start: number }>, truth: readonly number[]): number[] {
  return truth.map((start, i) => Math.abs((found[i]?.start ?? Number.POSITIVE_INFINITY) - start));
}

/** festival's own rendering of `text` and its Word relation's start times (ms). */
async function festivalWithTimes(voice: string, text: string): Promise<{ samples: Float32Array; rate: number; starts: number[] }> {
  const wav = join(scratch, `${voice}.wav`);
  const scheme = join(scratch, `${voice}.scm`);
  writeFileSync(
    scheme,
    `(${voice})
(set! utt (utt.synth (Utterance Text "${text}")))
(utt.save.wave utt "${wav}" 'riff)
(mapcar (lambda (w) (format t "%f\\n" (item.feat w "word_start"))) (utt.relation.items utt 'Word))
`,
  );
  const { stdout } = await run('festival', ['--batch', scheme]);
  const starts = stdout.trim().split('\n').map((line) => Math.round(Number(line) * 1000));
  const { samples, sampleRate } = await readWav(wav);
  return { samples, rate: sampleRate, starts };
}

describe('word times per engine', () => {
  const text = 'I told him plainly that the war with Finland would be long and costly for both sides.';

  for (const voice of ['voice_cmu_us_slt_arctic_hts', 'voice_kal_diphone']) {
    it(`festival ${voice}: connected speech, word starts within 60 ms (median) of festival's own`, { timeout: 60_000 }, async () => {
      const rendered = await festivalWithTimes(voice, text);
      const item = sentence(text);
      const words = await sentenceWordTimes(rendered.samples, rendered.rate, item);
      expect(words.map((w) => text.slice(w.from, w.to))).toEqual(text.match(/[A-Za-z]+/g));
      expect(rendered.starts).toHaveLength(words.length);
      const errors = startErrors(words, rendered.starts);
      expect(quantile(errors, 0.5)).toBeLessThanOrEqual(60);
      expect(quantile(errors, 0.9)).toBeLessThanOrEqual(250);
    });
  }

  const joined: Array<{ engine: 'flite' | 'espeak-ng'; voice: string }> = [
    { engine: 'flite', voice: 'rms' },
    { engine: 'flite', voice: 'awb' },
    { engine: 'espeak-ng', voice: 'en-gb+f3' },
  ];
  for (const voice of joined) {
    it(`${voice.engine} ${voice.voice}: words joined with uneven gaps, starts within 60 ms (median)`, { timeout: 60_000 }, async () => {
      const item = sentence('Comrade Molotov asked me to wait in the lounge until the delegation had gone.');
      const next = random(7);
      const take = await synthesizeWords([item], voice, { lead: 0, word: () => 10 + next() * 90, sentence: 0, tail: 0 }, 2);
      const truth = take.sentences[0]!.words.map((w) => Math.round((w.start * 1000) / RATE));
      const words = await sentenceWordTimes(take.samples, RATE, item);
      expect(words).toHaveLength(truth.length);
      const errors = startErrors(words, truth);
      expect(quantile(errors, 0.5)).toBeLessThanOrEqual(60);
      expect(quantile(errors, 0.9)).toBeLessThanOrEqual(250);
    });
  }

  it('a sentence of the edition with a respelled name, rendered as npm run audio does: the name is one word under its displayed text', { timeout: 60_000 }, async () => {
    const item = loadSentences().find((i) => i.spans.length === 1 && i.text.includes('Kollontai') && i.spans[0]!.text !== i.spans[0]!.displayText);
    expect(item, 'a sentence that respells Kollontai').toBeDefined();
    const voice: OfflineVoice = { engine: 'flite', voice: 'rms', tempo: 1.05 };
    const file = join(scratch, 'clip.wav');
    await synthesizeClip({ key: 'clip', voice, text: engineText(item!.spans[0]!.text), file, tmpDir: scratch, sampleRate: 24_000, minMs: 50 });
    const clip = await readWav(file);
    const words = await sentenceWordTimes(clip.samples, clip.sampleRate, item!);
    const shown = words.map((w) => item!.text.slice(w.from, w.to));
    expect(shown).toContain('Kollontai');
    const durationMs = Math.round((clip.samples.length * 1000) / clip.sampleRate);
    expect(validateWords(item!.id, { start: 0, end: durationMs, speaker: item!.speaker, spans: [], hash: '', words }, item!.text.length)).toEqual([]);
  });
});

describe('tidyWords', () => {
  it('rounds, keeps words inside the sentence and in order, never overlapping', () => {
    const words = tidyWords(
      [
        { start: -20.4, end: 180.6, from: 0, to: 3 },
        { start: 150, end: 400, from: 4, to: 9 }, // starts before the previous word ends
        { start: 390, end: 1300, from: 10, to: 15 }, // ends after the sentence
      ],
      0,
      1000,
    );
    expect(words).toEqual([
      { start: 0, end: 181, from: 0, to: 3 },
      { start: 181, end: 400, from: 4, to: 9 },
      { start: 400, end: 1000, from: 10, to: 15 },
    ]);
  });

  it('merges spoken words that read the same displayed words (a respelled name), so ranges only increase', () => {
    const words = tidyWords(
      [
        { start: 0, end: 100, from: 0, to: 3 },
        { start: 100, end: 220, from: 4, to: 13 }, // "Kuh-lon-tie"…
        { start: 230, end: 300, from: 4, to: 13 }, // …spoken as two words
        { start: 320, end: 500, from: 14, to: 18 },
      ],
      0,
      500,
    );
    expect(words).toEqual([
      { start: 0, end: 100, from: 0, to: 3 },
      { start: 100, end: 300, from: 4, to: 13 },
      { start: 320, end: 500, from: 14, to: 18 },
    ]);
    expect(validateWords('s', { start: 0, end: 500, speaker: 'kollontai', spans: [], hash: '', words }, 18)).toEqual([]);
  });
});
