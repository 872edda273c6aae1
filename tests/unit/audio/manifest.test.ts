// The recorded narration's manifest: the committed one covers every sentence of the edition in
// reading order and every Editor's aside, and is current (no TTS or ffmpeg needed: only the
// committed files are read), and the pure checks (clipHash, checkManifest, checkAsides,
// validateTimeline, validateAsides) behave on a small hand-made script.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadEdition } from '../../../src/content/load.ts';
import { SPEAKER_IDS, type SpeakerId } from '../../../src/content/model.ts';
import {
  checkAsides,
  checkManifest,
  clipHash,
  lexiconVersion,
  validateAsides,
  validateTimeline,
  validateWords,
  type AudioManifest,
  type ManifestEntry,
  type OfflineCast,
} from '../../../src/narration/audio-manifest.ts';
import { checkRecording } from '../../../audio-scripts/recording-manifest.ts';
import { defaultLexicon } from '../../../src/narration/lexicon.ts';
import { buildNarrationScript } from '../../../src/narration/script.ts';
import type { NarrationItem, NarrationScript } from '../../../src/narration/types.ts';

const AUDIO_DIR = 'public/audio';
const readJson = <T>(path: string): T => JSON.parse(readFileSync(path, 'utf8')) as T;

describe('the committed narration (public/audio)', () => {
  const lexicon = defaultLexicon();
  const script = buildNarrationScript(loadEdition('src/content/source/kollontai-1939.edition.md'), lexicon);
  // voices.json also holds the kiosk's interface voice: the narration's cast is the speakers'.
  const voiceFile = readJson<Record<string, OfflineCast[keyof OfflineCast]>>('audio-scripts/voices.json');
  const cast = Object.fromEntries(SPEAKER_IDS.map((id) => [id, voiceFile[id]])) as OfflineCast;
  const manifest = readJson<AudioManifest>(join(AUDIO_DIR, 'manifest.json'));

  it('covers every sentence of the edition, in reading order, and is not stale (else run npm run audio)', () => {
    // A narrator's recording (npm run audio -- --recording) is checked against the text it reads, not the synthetic voices.
    const result = manifest.recording
      ? checkRecording(manifest, script.items)
      : { ...checkManifest(manifest, script, cast, lexiconVersion(lexicon.data)), words: [] };
    expect(result).toEqual({ missing: [], stale: [], extra: [], outOfOrder: false, words: [] });
    expect(manifest.order).toEqual(script.items.map((item) => item.id));
  });

  it('has a sound timeline', () => {
    expect(validateTimeline(manifest)).toEqual([]);
  });

  it('times every word of every sentence: sound times, and each word’s range is a displayed word', () => {
    for (const item of script.items) {
      const entry = manifest.sentences[item.id]!;
      expect(entry.words?.length, `${item.id} has no word times (run npm run audio)`).toBeGreaterThan(0);
      expect(validateWords(item.id, entry, item.text.length)).toEqual([]);
      for (const word of entry.words!) {
        const shown = item.text.slice(word.from, word.to);
        expect(shown, `${item.id} [${word.from}, ${word.to})`).toMatch(/^[\p{L}\p{N}]/u); // starts with a letter or digit…
        expect(shown).toMatch(/[\p{L}\p{N}]$/u); // …ends with one: no punctuation-only words
      }
      // The first word starts near the sentence's first sound and the last ends near its last.
      expect(entry.words![0]!.start - entry.start).toBeLessThan(400);
      expect(entry.end - entry.words!.at(-1)!.end).toBeLessThan(400);
    }
  });

  it('records the voices of voices.json', () => {
    expect(manifest.voices).toEqual(cast);
  });

  it('references files that exist; the Opus file is at most 4 MB', () => {
    expect(manifest.files).toEqual({ opus: expect.stringMatching(/\.(webm|ogg|opus)$/u), mp3: expect.stringMatching(/\.mp3$/u) });
    for (const file of Object.values(manifest.files)) expect(existsSync(join(AUDIO_DIR, file)), file).toBe(true);
    expect(statSync(join(AUDIO_DIR, manifest.files.opus)).size).toBeLessThanOrEqual(4 * 1024 * 1024);
  });

  it('is normalised to about -16 LUFS with a true peak of at most -1 dBTP', () => {
    expect(manifest.loudness.integratedLufs).toBeGreaterThanOrEqual(-17);
    expect(manifest.loudness.integratedLufs).toBeLessThanOrEqual(-15);
    expect(manifest.loudness.truePeakDbtp).toBeLessThanOrEqual(-1);
  });

  it('has a current clip for every Editor’s aside of the script (else run npm run audio)', () => {
    expect(Object.keys(script.asides).length).toBeGreaterThan(0);
    expect(checkAsides(manifest, script, cast, lexiconVersion(lexicon.data))).toEqual({ missing: [], stale: [], extra: [] });
    expect(validateAsides(manifest)).toEqual([]);
  });

  it('keeps the asides in files of their own, normalised like the narration (the narration MP3 stays the text alone)', () => {
    const asides = manifest.asides!;
    expect(asides.files).toEqual({ opus: expect.stringMatching(/\.(webm|ogg|opus)$/u), mp3: expect.stringMatching(/\.mp3$/u) });
    expect(Object.values(asides.files)).not.toContain(manifest.files.opus);
    expect(Object.values(asides.files)).not.toContain(manifest.files.mp3);
    for (const file of Object.values(asides.files)) expect(existsSync(join(AUDIO_DIR, file)), file).toBe(true);
    for (const loudness of Object.values(asides.loudness!)) {
      expect(loudness.integratedLufs).toBeGreaterThanOrEqual(-17);
      expect(loudness.integratedLufs).toBeLessThanOrEqual(-15);
      // espeak-ng alone through Opus overshoots by 2–3 dB whatever the limiter does (see render.ts,
      // ASIDES_TRUE_PEAK_MAX; the interface sprite has the same allowance).
      expect(loudness.truePeakDbtp).toBeLessThanOrEqual(1);
    }
  });
});

// --- a small hand-made script -------------------------------------------------------------------

const voice = (v: string) => ({ engine: 'flite' as const, voice: v });
const CAST: OfflineCast = {
  narrator: voice('rms'),
  kollontai: { engine: 'festival', voice: 'voice_cmu_us_slt_arctic_hts' },
  molotov: voice('awb'),
  stalin: { engine: 'festival', voice: 'voice_kal_diphone' },
  secretary: voice('slt'),
  editor: { engine: 'espeak-ng', voice: 'en-gb+f3' },
};
const LEX = 'lex-1';

function item(id: string, index: number, spans: Array<[SpeakerId, string]>): NarrationItem {
  return {
    id,
    index,
    speaker: spans[0]![0],
    paragraph: 'b-1',
    section: 'front',
    text: spans.map(([, text]) => text).join(' '),
    spans: spans.map(([speaker, text]) => ({ speaker, text, displayStart: 0, displayText: text })),
  };
}

function makeScript(): NarrationScript {
  return {
    items: [
      item('s-a', 0, [['narrator', 'A title']]),
      item('s-b', 1, [['kollontai', 'I waited,'], ['narrator', 'she wrote.']]),
      item('s-c', 2, [['stalin', 'Sit down.']]),
    ],
    speakerNames: { narrator: 'Narrator', kollontai: 'Kollontai', molotov: 'Molotov', stalin: 'Stalin', secretary: 'Secretary', editor: 'Editor' },
    passages: [],
    asides: {},
  };
}

/** A manifest rendered (on paper) from `script`: 1 s per span, 100 ms between spans, 500 ms after a sentence. */
function makeManifest(script: NarrationScript, cast = CAST, lex = LEX): AudioManifest {
  let t = 0;
  const sentences: Record<string, ManifestEntry> = {};
  for (const it of script.items) {
    const start = t;
    const spans = it.spans.map((span, i) => {
      if (i > 0) t += 100;
      const s = { speaker: span.speaker, start: t, end: t + 1000 };
      t += 1000;
      return s;
    });
    sentences[it.id] = { start, end: t, speaker: it.speaker, spans, hash: clipHash(it.spans, cast, lex) };
    t += 500;
  }
  return {
    version: 1,
    files: { opus: 'narration.webm', mp3: 'narration.mp3' },
    durationMs: t,
    order: script.items.map((it) => it.id),
    sentences,
    loudness: { integratedLufs: -16, truePeakDbtp: -1.5 },
    voices: cast,
  };
}

const clean = { missing: [], stale: [], extra: [], outOfOrder: false };

describe('clipHash', () => {
  const spans = makeScript().items[1]!.spans;

  it('is stable and depends only on speaker, spoken text, voice and lexicon version', () => {
    expect(clipHash(spans, CAST, LEX)).toBe(clipHash(structuredClone(spans), structuredClone(CAST), LEX));
    const shifted = spans.map((s) => ({ ...s, displayStart: s.displayStart + 5, displayText: `${s.displayText}!` }));
    expect(clipHash(shifted, CAST, LEX)).toBe(clipHash(spans, CAST, LEX));
  });

  it('changes with the spoken text, the voice (engine, name, tempo) and the lexicon version', () => {
    const base = clipHash(spans, CAST, LEX);
    const variants = [
      clipHash([{ ...spans[0]!, text: 'I waited;' }, spans[1]!], CAST, LEX),
      clipHash(spans, { ...CAST, narrator: voice('kal') }, LEX),
      clipHash(spans, { ...CAST, narrator: { engine: 'espeak-ng', voice: 'rms' } }, LEX),
      clipHash(spans, { ...CAST, narrator: { ...CAST.narrator, tempo: 1.1 } }, LEX),
      clipHash(spans, CAST, 'lex-2'),
      clipHash([spans[1]!, spans[0]!], CAST, LEX),
    ];
    expect(new Set([base, ...variants]).size).toBe(variants.length + 1);
  });

  it('treats a missing tempo as 1', () => {
    expect(clipHash(spans, { ...CAST, narrator: { ...CAST.narrator, tempo: 1 } }, LEX)).toBe(clipHash(spans, CAST, LEX));
  });
});

describe('checkManifest', () => {
  it('passes a manifest rendered from the same script', () => {
    const script = makeScript();
    expect(checkManifest(makeManifest(script), script, CAST, LEX)).toEqual(clean);
  });

  it("a changed span's spoken text makes exactly that sentence stale", () => {
    const script = makeScript();
    const manifest = makeManifest(script);
    script.items[1]!.spans[1]!.text = 'she wrote later.';
    expect(checkManifest(manifest, script, CAST, LEX)).toEqual({ ...clean, stale: ['s-b'] });
  });

  it("a changed voice makes exactly that speaker's sentences stale", () => {
    const script = makeScript();
    const manifest = makeManifest(script);
    expect(checkManifest(manifest, script, { ...CAST, stalin: voice('kal16') }, LEX)).toEqual({ ...clean, stale: ['s-c'] });
    expect(checkManifest(manifest, script, { ...CAST, kollontai: { ...CAST.kollontai, tempo: 1.2 } }, LEX)).toEqual({ ...clean, stale: ['s-b'] });
    // A speaker with no spans (molotov) can change voice without making anything stale.
    expect(checkManifest(manifest, script, { ...CAST, molotov: voice('kal') }, LEX)).toEqual(clean);
  });

  it('a new lexicon version makes every sentence stale', () => {
    const script = makeScript();
    expect(checkManifest(makeManifest(script), script, CAST, 'lex-2').stale).toEqual(['s-a', 's-b', 's-c']);
  });

  it('a removed entry is missing; a sentence no longer in the script is extra', () => {
    const script = makeScript();
    const manifest = makeManifest(script);
    delete manifest.sentences['s-b'];
    manifest.order = manifest.order.filter((id) => id !== 's-b');
    expect(checkManifest(manifest, script, CAST, LEX)).toEqual({ ...clean, missing: ['s-b'] });

    const shorter: NarrationScript = { ...script, items: script.items.filter((it) => it.id !== 's-c') };
    expect(checkManifest(makeManifest(makeScript()), shorter, CAST, LEX)).toEqual({ ...clean, extra: ['s-c'] });
  });

  it('an entry left out of `order` is missing', () => {
    const script = makeScript();
    const manifest = makeManifest(script);
    manifest.order = ['s-a', 's-c'];
    expect(checkManifest(manifest, script, CAST, LEX)).toEqual({ ...clean, missing: ['s-b'] });
  });

  it('notices an order that is not the reading order, or lists an id twice', () => {
    const script = makeScript();
    const swapped = makeManifest(script);
    swapped.order = ['s-a', 's-c', 's-b'];
    expect(checkManifest(swapped, script, CAST, LEX)).toEqual({ ...clean, outOfOrder: true });
    const twice = makeManifest(script);
    twice.order = ['s-a', 's-b', 's-b', 's-c'];
    expect(checkManifest(twice, script, CAST, LEX).outOfOrder).toBe(true);
  });
});

describe('checkAsides', () => {
  const withAsides = (): NarrationScript => {
    const script = makeScript();
    const aside = item('note-x', -1, [['editor', 'A note.']]);
    const warning = item('uncertain-b-1', -1, [['editor', 'Probably Molotov.']]);
    script.asides = { 'note-x': aside, 'uncertain-b-1': warning };
    return script;
  };
  const recorded = (script: NarrationScript): AudioManifest => ({
    ...makeManifest(script),
    asides: {
      files: { opus: 'asides.webm', mp3: 'asides.mp3' },
      durationMs: 3000,
      clips: Object.fromEntries(
        Object.entries(script.asides).map(([id, aside], i) => [id, { start: i * 1500, end: i * 1500 + 1000, hash: clipHash(aside.spans, CAST, LEX) }]),
      ),
    },
  });

  it('passes asides rendered from the same script', () => {
    const script = withAsides();
    expect(checkAsides(recorded(script), script, CAST, LEX)).toEqual({ missing: [], stale: [], extra: [] });
  });

  it('finds missing (also: no asides recording at all), stale and extra asides', () => {
    const script = withAsides();
    expect(checkAsides(makeManifest(script), script, CAST, LEX)).toEqual({ missing: ['note-x', 'uncertain-b-1'], stale: [], extra: [] });
    const manifest = recorded(script);
    script.asides['note-x']!.spans[0]!.text = 'A longer note.';
    delete script.asides['uncertain-b-1'];
    script.asides['note-y'] = item('note-y', -1, [['editor', 'Another note.']]);
    expect(checkAsides(manifest, script, CAST, LEX)).toEqual({ missing: ['note-y'], stale: ['note-x'], extra: ['uncertain-b-1'] });
  });

  it('a new editor voice or lexicon makes every aside stale', () => {
    const script = withAsides();
    const manifest = recorded(script);
    expect(checkAsides(manifest, script, CAST, 'lex-2').stale).toEqual(['note-x', 'uncertain-b-1']);
    expect(checkAsides(manifest, script, { ...CAST, editor: { engine: 'espeak-ng', voice: 'en-us' } }, LEX).stale).toHaveLength(2);
  });

  it('validateAsides: accepts sound clips, reports bad times, overlaps and clips past the end', () => {
    const script = withAsides();
    expect(validateAsides(makeManifest(script))).toEqual([]); // no asides recording: nothing to check
    const manifest = recorded(script);
    expect(validateAsides(manifest)).toEqual([]);
    manifest.asides!.clips['note-x']!.end = 1600; // into the next clip
    (manifest.asides!.clips['uncertain-b-1'] as { start: unknown }).start = 'later';
    manifest.asides!.clips['note-z'] = { start: 2900, end: 3100, hash: 'h' };
    const problems = validateAsides(manifest).join('\n');
    expect(problems).toMatch(/asides uncertain-b-1: start\/end not numbers/u);
    expect(problems).toMatch(/asides note-z: ends at 3100, beyond durationMs 3000/u);
    const overlapping = recorded(script);
    overlapping.asides!.clips['note-x']!.end = 1600;
    expect(validateAsides(overlapping).join('\n')).toMatch(/asides uncertain-b-1: starts at 1500, overlapping note-x/u);
  });
});

describe('lexiconVersion', () => {
  const data = defaultLexicon().data;

  it('ignores the comment but changes with any name, rule or letter', () => {
    expect(lexiconVersion({ ...data, $comment: 'other' } as typeof data)).toBe(lexiconVersion(data));
    const [first, ...rest] = data.names;
    expect(lexiconVersion({ ...data, names: [{ ...first!, spoken: `${first!.spoken}x` }, ...rest] })).not.toBe(lexiconVersion(data));
    expect(lexiconVersion({ ...data, letters: { ...data.letters, A: 'ah' } })).not.toBe(lexiconVersion(data));
    const [rule, ...rules] = data.rules;
    expect(lexiconVersion({ ...data, rules: [{ ...rule!, pattern: `${rule!.pattern}x` }, ...rules] })).not.toBe(lexiconVersion(data));
  });

  it('ignores the records that do not change speech: a name’s guide and IPA, a rule’s description and example', () => {
    const [first, ...rest] = data.names;
    expect(lexiconVersion({ ...data, names: [{ ...first!, guide: 'x', ipa: 'y' }, ...rest] })).toBe(lexiconVersion(data));
    const [rule, ...rules] = data.rules;
    expect(lexiconVersion({ ...data, rules: [{ ...rule!, description: 'x', example: 'y' }, ...rules] })).toBe(lexiconVersion(data));
  });
});

describe('validateTimeline', () => {
  const fresh = () => makeManifest(makeScript());

  it('accepts a sound timeline', () => {
    expect(validateTimeline(fresh())).toEqual([]);
  });

  it('reports end <= start, overlaps, non-monotonic entries and times beyond the end', () => {
    const reversed = fresh();
    reversed.sentences['s-c']!.end = reversed.sentences['s-c']!.start;
    expect(validateTimeline(reversed).join('\n')).toMatch(/s-c: end .* <= start/u);

    const overlapping = fresh();
    overlapping.sentences['s-b']!.start = overlapping.sentences['s-a']!.end - 10;
    expect(validateTimeline(overlapping).join('\n')).toMatch(/s-b: .*overlapping s-a/u);

    const backwards = fresh();
    backwards.order = ['s-b', 's-a', 's-c'];
    expect(validateTimeline(backwards).join('\n')).toMatch(/s-a: .*not monotonic/u);

    const short = fresh();
    short.durationMs = short.sentences['s-c']!.end - 1;
    expect(validateTimeline(short).join('\n')).toMatch(/s-c: .*beyond durationMs/u);
  });

  it('reports spans outside their sentence or out of order, and order ids without an entry', () => {
    const outside = fresh();
    outside.sentences['s-a']!.spans[0]!.end += 50;
    expect(validateTimeline(outside).join('\n')).toMatch(/s-a: span 0 .* outside the sentence/u);

    const crossed = fresh();
    const [first, second] = crossed.sentences['s-b']!.spans;
    second!.start = first!.end - 200;
    expect(validateTimeline(crossed).join('\n')).toMatch(/s-b: span 1 starts .* before the previous span ends/u);

    const dangling = fresh();
    dangling.order.push('s-z');
    expect(validateTimeline(dangling)).toContain('s-z: listed in order but has no entry');
  });
});
