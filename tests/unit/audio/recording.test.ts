// A human narrator's recording as the narration (audio-scripts/recording.ts): the manifest built
// from an alignment (sentence, span and word times, hash, narrator), its refusal of sentences that
// are not placed, the check of a recording's manifest, and the whole path on synthetic takes (flite
// kal, word by word, uneven pauses: makeTestTake): a folder of two files (nine sentences) joined in
// name order, and a take lacking a paragraph (the aligner test's passage) refused, nothing written.
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import type { Alignment } from '../../../audio-scripts/align/align.ts';
import { loadSentences } from '../../../audio-scripts/align/text.ts';
import { makeTestTake } from '../../../audio-scripts/align/test-take.ts';
import { recordingCommand, renderRecording } from '../../../audio-scripts/recording.ts';
import {
  buildRecordingManifest,
  checkRecording,
  PAD_MS,
  recordingHash,
  RecordingError,
} from '../../../audio-scripts/recording-manifest.ts';
import { validateTimeline, validateWords, type AudioManifest } from '../../../src/narration/audio-manifest.ts';
import { sentenceWordOffsets } from '../../../src/narration/word-offsets.ts';
import { wav16k } from '../support/wav.ts';

const ROOT = resolve(import.meta.dirname, '../../..');
const committed = JSON.parse(readFileSync(join(ROOT, 'public/audio/manifest.json'), 'utf8')) as AudioManifest;
/** Six sentences, three paragraphs; the first has three speaker spans (kollontai, narrator, kollontai). */
const items = loadSentences('s-04z1l0o', 's-08g0rxk');
const loudness = { opus: { integratedLufs: -16, truePeakDbtp: -2 }, mp3: { integratedLufs: -16, truePeakDbtp: -2 } };

/** A made-up alignment: every word 300 ms long, 50 ms apart, sentences 1 s apart from 2 s on. */
function fakeAlignment(): Alignment {
  let at = 2000;
  const sentences: Alignment['sentences'] = {};
  for (const item of items) {
    const words = sentenceWordOffsets(item.spans).map((w) => {
      const word = { start: at, end: at + 300, from: w.from, to: w.to };
      at += 350;
      return word;
    });
    sentences[item.id] = { start: words[0]!.start, end: words[words.length - 1]!.end, words, confidence: 0.9 };
    at += 1000;
  }
  return { sentences };
}

describe('a recording’s manifest from an alignment', () => {
  const alignment = fakeAlignment();
  const durationMs = 60_000;
  const manifest = buildRecordingManifest({ items, alignment, durationMs, narrator: '  Jane Doe ', encodedLoudness: loudness, cast: committed.voices, asides: committed.asides! });

  it('places every sentence in reading order, widened into the pauses, with its words and text hash', () => {
    expect(manifest.recording).toEqual({ narrator: 'Jane Doe' });
    expect(manifest.order).toEqual(items.map((item) => item.id));
    expect(manifest.files).toEqual({ opus: 'narration.webm', mp3: 'narration.mp3' });
    expect(validateTimeline(manifest)).toEqual([]);
    for (const item of items) {
      const entry = manifest.sentences[item.id]!;
      const aligned = alignment.sentences[item.id]!;
      expect(entry.start).toBe(aligned.start - PAD_MS);
      expect(entry.end).toBe(aligned.end + PAD_MS);
      // Spoken words reading the same displayed words (a respelled name) are one word.
      const ranges = [...new Set(aligned.words.map((w) => `${w.from}-${w.to}`))];
      expect(entry.words!.map((w) => `${w.from}-${w.to}`)).toEqual(ranges);
      expect(entry.words![0]!.start).toBe(aligned.start);
      expect(entry.words!.at(-1)!.end).toBe(aligned.end);
      expect(entry.speaker).toBe(item.speaker);
      expect(entry.hash).toBe(recordingHash(item));
      expect(validateWords(item.id, entry, item.text.length)).toEqual([]);
    }
    // The asides (the editor's synthetic voice) are kept as they were.
    expect(manifest.asides).toEqual(committed.asides);
    expect(manifest.voices).toEqual(committed.voices);
  });

  it('splits a sentence’s speaker spans at the aligned words', () => {
    const item = items[0]!;
    expect(item.spans.map((s) => s.speaker)).toEqual(['kollontai', 'narrator', 'kollontai']);
    const entry = manifest.sentences[item.id]!;
    const words = alignment.sentences[item.id]!.words;
    const counts = item.spans.map((span) => sentenceWordOffsets([span]).length);
    expect(entry.spans.map((s) => s.speaker)).toEqual(['kollontai', 'narrator', 'kollontai']);
    expect(entry.spans[0]!.start).toBe(entry.start);
    expect(entry.spans[1]!.start).toBe(words[counts[0]!]!.start);
    expect(entry.spans[2]!.start).toBe(words[counts[0]! + counts[1]!]!.start);
    expect(entry.spans[0]!.end).toBe(entry.spans[1]!.start);
    expect(entry.spans[2]!.end).toBe(entry.end);
  });

  it('meets in the middle where the aligner lets two sentences overlap', () => {
    const overlapping = fakeAlignment();
    const [a, b] = [overlapping.sentences[items[3]!.id]!, overlapping.sentences[items[4]!.id]!];
    b.words[0]!.start = a.end - 20;
    b.start = b.words[0]!.start;
    const m = buildRecordingManifest({ items, alignment: overlapping, durationMs, narrator: 'Jane Doe', encodedLoudness: loudness, cast: committed.voices });
    expect(validateTimeline(m)).toEqual([]);
    expect(m.sentences[items[3]!.id]!.end).toBe(m.sentences[items[4]!.id]!.start);
  });

  it('refuses an alignment that lacks sentences, naming them', () => {
    const partial = fakeAlignment();
    const dropped = items.filter((item) => item.paragraph === items[3]!.paragraph).map((item) => item.id);
    for (const id of dropped) delete partial.sentences[id];
    partial.sentences[items[5]!.id]!.confidence = 0;
    let error: unknown;
    try {
      buildRecordingManifest({ items, alignment: partial, durationMs, narrator: 'Jane Doe', encodedLoudness: loudness, cast: committed.voices });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(RecordingError);
    expect((error as RecordingError).sentences).toEqual([...dropped, items[5]!.id]);
    for (const id of [...dropped, items[5]!.id]) expect((error as Error).message).toContain(id);
    expect((error as Error).message).toMatch(/whole text/);
  });

  it('refuses an alignment that runs past the end of the take, and an empty narrator', () => {
    expect(() => buildRecordingManifest({ items, alignment, durationMs: 10_000, narrator: 'Jane Doe', encodedLoudness: loudness, cast: committed.voices })).toThrow(/after the end of the take/);
    expect(() => buildRecordingManifest({ items, alignment, durationMs, narrator: ' ', encodedLoudness: loudness, cast: committed.voices })).toThrow(/narrator/);
  });

  it('is checked against the text, not against synthetic voices: missing, changed text, order, words', () => {
    expect(checkRecording(manifest, items)).toEqual({ missing: [], stale: [], extra: [], outOfOrder: false, words: [] });
    const edited = items.map((item, i) => (i === 2 ? { ...item, text: `${item.text} Indeed.` } : item));
    expect(checkRecording(manifest, edited).stale).toEqual([items[2]!.id]);
    expect(checkRecording(manifest, [...items, { ...items[0]!, id: 's-new' }]).missing).toEqual(['s-new']);
    const swapped = { ...manifest, order: [items[1]!.id, items[0]!.id, ...manifest.order.slice(2)] };
    expect(checkRecording(swapped, items).outOfOrder).toBe(true);
    const badWords = structuredClone(manifest);
    badWords.sentences[items[1]!.id]!.words![0]!.end = badWords.sentences[items[1]!.id]!.end + 500;
    expect(checkRecording(badWords, items).words[0]).toContain(items[1]!.id);
  });
});

describe('npm run audio -- --recording, on synthetic takes', () => {
  const run = promisify(execFile);
  /** Nine sentences, three paragraphs, all read by the compiler (narrator). */
  const passage = loadSentences('s-1la9ldj', 's-0rmldjz');
  const first = passage.filter((item) => item.paragraph === passage[0]!.paragraph);
  const rest = passage.filter((item) => item.paragraph !== passage[0]!.paragraph);

  it('joins a folder’s files in name order (2 before 10), aligns, encodes and writes the manifest', { timeout: 150_000 }, async () => {
    const [takeA, takeB] = [await makeTestTake(first, 11), await makeTestTake(rest, 12)];
    const folder = mkdtempSync(join(tmpdir(), 'recording-take-'));
    writeFileSync(join(folder, 'part 2.wav'), wav16k(takeA.samples));
    writeFileSync(join(folder, 'part 10.wav'), wav16k(takeB.samples));
    writeFileSync(join(folder, 'notes.txt'), 'not audio');
    const out = mkdtempSync(join(tmpdir(), 'recording-out-'));
    const lines: string[] = [];
    const result = await renderRecording({ recording: folder, narrator: 'Jane Doe', items: passage, out, asidesFrom: join(ROOT, 'public/audio/manifest.json'), loudnessPasses: 1, log: (l) => lines.push(l) });

    expect(result.parts.map((p) => p.slice(folder.length + 1))).toEqual(['part 2.wav', 'part 10.wav']);
    expect(readdirSync(out).sort()).toEqual(['asides.mp3', 'asides.webm', 'manifest.json', 'narration.mp3', 'narration.webm']);
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as AudioManifest;
    expect(manifest).toEqual(result.manifest);
    expect(manifest.recording).toEqual({ narrator: 'Jane Doe' });
    expect(manifest.asides).toEqual(committed.asides);
    expect(checkRecording(manifest, passage)).toEqual({ missing: [], stale: [], extra: [], outOfOrder: false, words: [] });
    // Every sentence where the take has it: the second file starts after the first and 1 s of silence.
    const offset = takeA.durationMs + 1000;
    expect(manifest.durationMs).toBeCloseTo(takeA.durationMs + 1000 + takeB.durationMs, -1);
    for (const item of passage) {
      const truth = first.includes(item) ? takeA.truth[item.id]!.start : takeB.truth[item.id]!.start + offset;
      expect(Math.abs(manifest.sentences[item.id]!.start + PAD_MS - truth), item.id).toBeLessThanOrEqual(300);
      const ranges = new Set(sentenceWordOffsets(item.spans).map((w) => `${w.from}-${w.to}`));
      expect(manifest.sentences[item.id]!.words).toHaveLength(ranges.size);
    }
    // Loudness-normalised (one pass here: flite's bursts through Opus land about 1 dB low) and encoded like the synthetic narration.
    expect(manifest.loudness.integratedLufs).toBeGreaterThanOrEqual(-18);
    expect(manifest.loudness.integratedLufs).toBeLessThanOrEqual(-15);
    const { stdout } = await run('ffprobe', ['-v', 'error', '-show_entries', 'stream=codec_name:format=duration', '-of', 'json', join(out, 'narration.webm')]);
    const probe = JSON.parse(stdout) as { streams: Array<{ codec_name: string }>; format: { duration: string } };
    expect(probe.streams[0]!.codec_name).toBe('opus');
    expect(Math.abs(Number(probe.format.duration) * 1000 - manifest.durationMs)).toBeLessThan(100);
    expect(lines.join('\n')).toMatch(/take: 2 file\(s\)/);
  });

  it('refuses a take that lacks a paragraph, naming its sentences, and writes nothing', { timeout: 120_000 }, async () => {
    // The aligner test's passage and missing paragraph (25 sentences: a few are too few for its refusal test).
    const long = loadSentences().slice(20, 45);
    const paragraphs = [...new Set(long.map((item) => item.paragraph))];
    const dropped = long.filter((item) => item.paragraph === paragraphs[Math.floor(paragraphs.length / 2)]);
    const take = await makeTestTake(long.filter((item) => !dropped.includes(item)), 5);
    const dir = mkdtempSync(join(tmpdir(), 'recording-gap-'));
    writeFileSync(join(dir, 'take.wav'), wav16k(take.samples));
    const out = join(dir, 'out');
    mkdirSync(out);
    writeFileSync(join(out, 'manifest.json'), '{"kept": true}');
    const error = await renderRecording({ recording: join(dir, 'take.wav'), narrator: 'Jane Doe', items: long, out, asidesFrom: join(ROOT, 'public/audio/manifest.json'), log: () => {} }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(RecordingError);
    for (const item of dropped) {
      expect((error as RecordingError).sentences).toContain(item.id);
      expect((error as Error).message).toContain(item.id);
    }
    expect(readdirSync(out)).toEqual(['manifest.json']);
    expect(readFileSync(join(out, 'manifest.json'), 'utf8')).toBe('{"kept": true}');
  });

  it('refuses a given alignment that lacks a sentence before encoding anything', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'recording-given-'));
    const take = new Float32Array(16_000 * 60).map((_, i) => Math.sin(i / 10) * 0.1);
    writeFileSync(join(dir, 'take.wav'), wav16k(take));
    const alignment = fakeAlignment();
    delete alignment.sentences[items[2]!.id];
    writeFileSync(join(dir, 'take.alignment.json'), JSON.stringify(alignment));
    const out = join(dir, 'out');
    await expect(
      renderRecording({ recording: join(dir, 'take.wav'), alignment: join(dir, 'take.alignment.json'), narrator: 'Jane Doe', items, out, log: () => {} }),
    ).rejects.toThrow(items[2]!.id);
    expect(existsSync(out) ? readdirSync(out) : []).toEqual([]);
  });
});

describe('npm run audio:check on a recording’s manifest', () => {
  /** The committed narration's files, with a manifest that says a narrator read them. */
  function recordedDir(edit: (manifest: AudioManifest) => void = () => {}): string {
    const dir = mkdtempSync(join(tmpdir(), 'recording-check-'));
    const all = loadSentences();
    const manifest: AudioManifest = structuredClone(committed);
    manifest.recording = { narrator: 'Jane Doe' };
    for (const item of all) manifest.sentences[item.id]!.hash = recordingHash(item);
    edit(manifest);
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));
    for (const file of [...Object.values(committed.files), ...Object.values(committed.asides!.files)]) symlinkSync(join(ROOT, 'public/audio', file), join(dir, file));
    return dir;
  }

  it('passes a recording of the whole text although it has no synthetic-voice hashes', async () => {
    const lines: string[] = [];
    expect(await recordingCommand(['--check'], (l) => lines.push(l), recordedDir())).toBe(0);
    expect(lines.join('\n')).toMatch(/audio:check: ok — 195 sentences read by Jane Doe/);
  });

  it('names sentences that are missing or whose text changed since the recording', async () => {
    const [a, b] = committed.order;
    const dir = recordedDir((m) => {
      m.sentences[a!]!.hash = 'changed';
      m.order = m.order.filter((id) => id !== b);
      delete m.sentences[b!];
    });
    const lines: string[] = [];
    expect(await recordingCommand(['--check'], (l) => lines.push(l), dir)).toBe(1);
    const text = lines.join('\n');
    expect(text).toMatch(new RegExp(`missing[^\\n]*\\(1\\):\\n  ${b}`));
    expect(text).toMatch(new RegExp(`stale[^\\n]*\\(1\\):\\n  ${a}`));
  });

  it('leaves a synthetic manifest to render.ts', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'recording-check-'));
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify(committed));
    expect(await recordingCommand(['--check'], () => {}, dir)).toBeUndefined();
    expect(await recordingCommand([], () => {}, dir)).toBeUndefined();
  });
});
