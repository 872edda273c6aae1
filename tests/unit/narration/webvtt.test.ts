// WebVTT from the manifest, checked with a small strict parser: header, NOTE, cue ids, timestamp
// format, cues in order and not overlapping, every manifest sentence exactly once, balanced
// `<v Name>` spans naming the right speakers (`Name (uncertain)` where the attribution is
// uncertain, with a NOTE saying why), and escaped text that round-trips. Also over the real
// edition, passed as the build passes it.
import { describe, expect, it } from 'vitest';
import { loadEdition } from '../../../src/content/load.ts';
import type { SpeakerId } from '../../../src/content/model.ts';
import type { AudioManifest } from '../../../src/narration/audio-manifest.ts';
import { formatVttTime, manifestToWebVtt, type VttSentence } from '../../../src/narration/webvtt.ts';
import { testManifest } from './fake-howl.ts';
import { SCRIPT, prng } from './helpers.ts';

interface ParsedCue {
  id: string;
  start: number;
  end: number;
  /** Voice runs: speaker name and unescaped text. */
  runs: { name: string; text: string }[];
}

interface ParsedVtt {
  /** NOTE blocks before the first cue. */
  notes: string[][];
  cues: ParsedCue[];
  /** NOTE blocks (the header's too) by the id of the cue that follows them. */
  notesBefore: Map<string, string[][]>;
}

const TIME = /^(\d{2,}):([0-5]\d):([0-5]\d)\.(\d{3})$/;

function parseTime(s: string): number {
  const m = TIME.exec(s);
  if (!m) throw new Error(`bad timestamp "${s}"`);
  return ((Number(m[1]) * 60 + Number(m[2])) * 60 + Number(m[3])) * 1000 + Number(m[4]);
}

function unescape(text: string, where: string): string {
  if (/[<>]/.test(text)) throw new Error(`raw < or > in ${where}: "${text}"`);
  return text.replace(/&[^;]*;?/g, (entity) => {
    const map: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>' };
    const value = map[entity];
    if (value === undefined) throw new Error(`bad entity "${entity}" in ${where}`);
    return value;
  });
}

/** Payload made only of `<v Name>text</v>` runs (no nesting, nothing between them). */
function parsePayload(payload: string, id: string): { name: string; text: string }[] {
  const runs: { name: string; text: string }[] = [];
  let rest = payload;
  while (rest.length > 0) {
    const open = /^<v ([^>\n]+)>/.exec(rest);
    if (!open) throw new Error(`cue ${id}: expected <v Name> at "${rest.slice(0, 20)}"`);
    rest = rest.slice(open[0].length);
    const close = rest.indexOf('</v>');
    if (close < 0) throw new Error(`cue ${id}: unclosed <v>`);
    const body = rest.slice(0, close);
    if (body.includes('<')) throw new Error(`cue ${id}: nested tag in a voice span`);
    runs.push({ name: unescape(open[1]!, `cue ${id} annotation`), text: unescape(body, `cue ${id}`) });
    rest = rest.slice(close + 4);
  }
  return runs;
}

/** A strict WebVTT parser for the subset we write. Throws on anything invalid. */
function parseVtt(vtt: string): ParsedVtt {
  if (vtt.includes('\r')) throw new Error('CR line endings');
  const lines = vtt.split('\n');
  if (!/^WEBVTT(?:[ \t].*)?$/.test(lines[0] ?? '')) throw new Error('missing WEBVTT header');
  if (lines[1] !== '') throw new Error('header not followed by a blank line');
  const blocks: string[][] = [];
  let block: string[] = [];
  for (const line of lines.slice(2)) {
    if (line === '') {
      if (block.length) blocks.push(block);
      block = [];
    } else block.push(line);
  }
  if (block.length) blocks.push(block);

  const parsed: ParsedVtt = { notes: [], cues: [], notesBefore: new Map() };
  let pending: string[][] = [];
  for (const b of blocks) {
    if (/^NOTE(?:[ \t]|$)/.test(b[0]!)) {
      if (b.some((l) => l.includes('-->'))) throw new Error('--> in a NOTE');
      if (!parsed.cues.length) parsed.notes.push(b.slice(1));
      pending.push(b.slice(1));
      continue;
    }
    const [id, timing, ...payload] = b;
    if (!id || id.includes('-->')) throw new Error(`bad cue id "${id}"`);
    const m = /^(\S+) --> (\S+)$/.exec(timing ?? '');
    if (!m) throw new Error(`cue ${id}: bad timing line "${timing}"`);
    const start = parseTime(m[1]!);
    const end = parseTime(m[2]!);
    if (!(end > start)) throw new Error(`cue ${id}: end ${end} not after start ${start}`);
    if (pending.length) parsed.notesBefore.set(id, pending);
    pending = [];
    parsed.cues.push({ id, start, end, runs: parsePayload(payload.join('\n'), id) });
  }
  if (pending.length) throw new Error('NOTE after the last cue (allowed, but we do not write it)');
  return parsed;
}

function sentencesOf(script = SCRIPT): VttSentence[] {
  return script.items.map((item) => ({
    id: item.id,
    text: item.text,
    speaker: item.speaker,
    spans: item.spans.map((s) => ({ speaker: s.speaker, text: s.displayText })),
  }));
}

/** Checks the invariants against the manifest and the sentences. */
function checkAgainst(vtt: string, manifest: AudioManifest, sentences: VttSentence[], names: Record<SpeakerId, string>): ParsedVtt {
  const parsed = parseVtt(vtt);
  expect(parsed.cues.map((c) => c.id)).toEqual(manifest.order);
  const byId = new Map(sentences.map((s) => [s.id, s]));
  let previousEnd = 0;
  for (const cue of parsed.cues) {
    expect(cue.start).toBeGreaterThanOrEqual(previousEnd); // in order, no overlap
    previousEnd = cue.end;
    const sentence = byId.get(cue.id)!;
    expect(cue.runs.map((r) => r.text).join('')).toBe(sentence.text);
    // One run per change of speaker or certainty (adjacent runs of the same speaker are merged).
    const expectedNames: string[] = [];
    let last: string | null = null;
    for (const span of sentence.spans) {
      const name = span.uncertain ? `${names[span.speaker]} (uncertain)` : names[span.speaker];
      if (span.text === '' || name === last) continue;
      last = name;
      expectedNames.push(name);
    }
    expect(cue.runs.map((r) => r.name)).toEqual(expectedNames);
  }
  return parsed;
}

describe('formatVttTime', () => {
  it('writes HH:MM:SS.mmm', () => {
    expect(formatVttTime(0)).toBe('00:00:00.000');
    expect(formatVttTime(1200)).toBe('00:00:01.200');
    expect(formatVttTime(61_001.4)).toBe('00:01:01.001');
    expect(formatVttTime(3_600_000 + 59 * 60_000 + 59_999)).toBe('01:59:59.999');
    expect(formatVttTime(-5)).toBe('00:00:00.000');
    expect(formatVttTime(100 * 3_600_000)).toBe('100:00:00.000');
  });
});

describe('manifestToWebVtt', () => {
  it('writes a valid file: one cue per sentence, manifest times, voice spans per speaker run', () => {
    const manifest = testManifest();
    const sentences = sentencesOf();
    const vtt = manifestToWebVtt(manifest, sentences, SCRIPT.speakerNames, {
      title: "Stalin's Conversation with A.M. Kollontai (November, 1939)",
      credits: ['Synthetic voices: flite slt, rms, awb, kal', 'A line with --> in it'],
    });
    const parsed = checkAgainst(vtt, manifest, sentences, SCRIPT.speakerNames);
    expect(parsed.notes).toEqual([
      ["Stalin's Conversation with A.M. Kollontai (November, 1939)", 'Synthetic voices: flite slt, rms, awb, kal', 'A line with -> in it'],
    ]);
    const s3 = parsed.cues.find((c) => c.id === 's3')!;
    expect(s3).toEqual({
      id: 's3',
      start: 4100,
      end: 6000,
      runs: [
        { name: 'Kollontai', text: 'I thank you,' },
        { name: 'Narrator', text: ' she said.' },
      ],
    });
    expect(vtt).toContain('s2\n00:00:03.000 --> 00:00:04.000\n<v Stalin>Sit down, please.</v>\n');
    expect(vtt.startsWith('WEBVTT\n\nNOTE\n')).toBe(true);
    // Without title or credits: no NOTE.
    expect(parseVtt(manifestToWebVtt(manifest, sentences, SCRIPT.speakerNames)).notes).toEqual([]);
  });

  it('escapes & < > in text and names; names with spaces stay whole; same-speaker runs merge', () => {
    const manifest: AudioManifest = {
      ...testManifest(),
      order: ['a', 'b'],
      sentences: {
        a: { start: 0, end: 900, speaker: 'stalin', spans: [], hash: 'a' },
        b: { start: 1000, end: 2000, speaker: 'secretary', spans: [], hash: 'b' },
      },
    };
    const sentences: VttSentence[] = [
      { id: 'a', text: '‘We shall overcome.’', speaker: 'stalin', spans: [{ speaker: 'stalin', text: '‘We shall overcome.’' }] },
      {
        id: 'b',
        text: 'Tea & <biscuits> --> now, she said, and left.',
        speaker: 'secretary',
        spans: [
          { speaker: 'secretary', text: 'Tea & <biscuits> --> now,' },
          { speaker: 'narrator', text: ' she said,' },
          { speaker: 'narrator', text: ' and left.' },
        ],
      },
    ];
    const names = { ...SCRIPT.speakerNames, secretary: 'The Secretary & Typist', narrator: 'The Narrator' };
    const vtt = manifestToWebVtt(manifest, sentences, names);
    expect(vtt).toContain('<v Stalin>‘We shall overcome.’</v>');
    expect(vtt).toContain('<v The Secretary &amp; Typist>Tea &amp; &lt;biscuits&gt; --&gt; now,</v><v The Narrator> she said, and left.</v>');
    const parsed = parseVtt(vtt);
    expect(parsed.cues[1]!.runs).toEqual([
      { name: 'The Secretary & Typist', text: 'Tea & <biscuits> --> now,' },
      { name: 'The Narrator', text: ' she said, and left.' },
    ]);
  });

  it('keeps cues in order and apart even when the manifest overlaps or has empty clips', () => {
    const random = prng(11);
    const speakers: SpeakerId[] = ['narrator', 'kollontai', 'molotov', 'stalin', 'secretary', 'editor'];
    for (let round = 0; round < 30; round++) {
      const n = 1 + Math.floor(random() * 40);
      const order: string[] = [];
      const entries: AudioManifest['sentences'] = {};
      const sentences: VttSentence[] = [];
      let t = 0;
      for (let i = 0; i < n; i++) {
        const id = `x${i}`;
        const start = t + Math.floor(random() * 300) - 100; // may start before the previous end
        const end = start + Math.floor(random() * 2000); // may be empty
        t = Math.max(t, end);
        order.push(id);
        entries[id] = { start: Math.max(0, start), end: Math.max(0, end), speaker: 'narrator', spans: [], hash: id };
        const a = speakers[Math.floor(random() * speakers.length)]!;
        const b = speakers[Math.floor(random() * speakers.length)]!;
        sentences.push({ id, text: `One <${i}> & two.`, speaker: a, spans: [{ speaker: a, text: `One <${i}>` }, { speaker: b, text: ' & two.' }] });
      }
      const manifest: AudioManifest = { ...testManifest(), order, sentences: entries, durationMs: t };
      checkAgainst(manifestToWebVtt(manifest, sentences, SCRIPT.speakerNames), manifest, sentences, SCRIPT.speakerNames);
    }
  });

  it('marks an uncertain run <v Name (uncertain)> and says why in a NOTE, once per uncertain passage', () => {
    const manifest: AudioManifest = {
      ...testManifest(),
      order: ['a', 'b', 'c', 'd', 'e'],
      sentences: Object.fromEntries(
        ['a', 'b', 'c', 'd', 'e'].map((id, i) => [id, { start: i * 1000, end: i * 1000 + 900, speaker: 'kollontai' as SpeakerId, spans: [], hash: id }]),
      ),
    };
    const why = 'The text does not say who speaks.';
    const sentences: VttSentence[] = [
      { id: 'a', text: '– Going by the case of Poland.', speaker: 'molotov', uncertain: why, spans: [{ speaker: 'molotov', text: '– Going by the case of Poland.', uncertain: true }] },
      {
        id: 'b',
        text: 'However, the minister said, we wait.',
        speaker: 'kollontai',
        uncertain: why,
        spans: [
          { speaker: 'kollontai', text: 'However,', uncertain: true },
          { speaker: 'kollontai', text: ' the minister', uncertain: true },
          { speaker: 'narrator', text: ' said,' },
          { speaker: 'kollontai', text: ' we wait.', uncertain: true },
        ],
      },
      { id: 'c', text: 'I waited.', speaker: 'kollontai', spans: [{ speaker: 'kollontai', text: 'I waited.' }] },
      { id: 'd', text: 'Probably hers.', speaker: 'kollontai', uncertain: why, spans: [{ speaker: 'kollontai', text: 'Probably hers.', uncertain: true }] },
      { id: 'e', text: 'Hers, she wrote.', speaker: 'kollontai', uncertain: 'Another reason.', spans: [{ speaker: 'kollontai', text: 'Hers,', uncertain: true }, { speaker: 'kollontai', text: ' she wrote.' }] },
    ];
    const vtt = manifestToWebVtt(manifest, sentences, SCRIPT.speakerNames);
    const parsed = checkAgainst(vtt, manifest, sentences, SCRIPT.speakerNames);
    expect(vtt).toContain('<v Molotov (uncertain)>– Going by the case of Poland.</v>');
    expect(parsed.cues[1]!.runs).toEqual([
      { name: 'Kollontai (uncertain)', text: 'However, the minister' },
      { name: 'Narrator', text: ' said,' },
      { name: 'Kollontai (uncertain)', text: ' we wait.' },
    ]);
    expect(parsed.cues[2]!.runs).toEqual([{ name: 'Kollontai', text: 'I waited.' }]);
    expect(parsed.cues[4]!.runs).toEqual([
      { name: 'Kollontai (uncertain)', text: 'Hers,' },
      { name: 'Kollontai', text: ' she wrote.' },
    ]);
    // a starts a passage (note), b continues it (none), c is certain, d starts another, e has another reason.
    expect([...parsed.notesBefore]).toEqual([
      ['a', [[`Uncertain attribution: ${why}`]]],
      ['d', [[`Uncertain attribution: ${why}`]]],
      ['e', [['Uncertain attribution: Another reason.']]],
    ]);
  });

  it('the real edition, as the build passes it: every uncertain run is marked, the compiler stays <v Compiler>', () => {
    const edition = loadEdition('src/content/source/kollontai-1939.edition.md');
    const names = Object.fromEntries(Object.values(edition.speakers).map((s) => [s.id, s.name])) as Record<SpeakerId, string>;
    expect(names.narrator).toBe('Compiler');
    const manifest: AudioManifest = {
      ...testManifest(),
      order: edition.sentences.map((s) => s.id),
      sentences: Object.fromEntries(edition.sentences.map((s, i) => [s.id, { start: i * 1000, end: i * 1000 + 900, speaker: s.speaker, spans: [], hash: s.id }])),
      durationMs: edition.sentences.length * 1000,
    };
    // edition-plugin.ts passes `edition.sentences` itself: their spans carry `uncertain`.
    const vtt = manifestToWebVtt(manifest, edition.sentences, names);
    const parsed = checkAgainst(vtt, manifest, edition.sentences, names);
    const uncertain = edition.sentences.filter((s) => s.spans.some((span) => span.uncertain));
    expect(uncertain.length).toBeGreaterThanOrEqual(4);
    expect(vtt).toContain('<v Molotov (uncertain)>– Going by the case of Poland');
    const however = parsed.cues.find((c) => c.id === edition.sentences.find((s) => s.text.startsWith('However, the Soviet government'))!.id)!;
    expect(however.runs.map((r) => r.name)).toEqual(['Kollontai (uncertain)']);
    for (const sentence of uncertain) {
      const cue = parsed.cues.find((c) => c.id === sentence.id)!;
      expect(cue.runs.some((r) => r.name.endsWith(' (uncertain)')), sentence.id).toBe(true);
      // Its reason is in a NOTE at the start of its passage.
      const index = edition.sentences.indexOf(sentence);
      let first = index;
      while (first > 0 && edition.sentences[first - 1]!.uncertain === sentence.uncertain) first -= 1;
      expect(parsed.notesBefore.get(edition.sentences[first]!.id), sentence.id).toEqual([[`Uncertain attribution: ${sentence.uncertain}`]]);
    }
    // Nothing else is marked, and the compiler's words are the Compiler's.
    const marked = parsed.cues.filter((c) => c.runs.some((r) => r.name.endsWith(' (uncertain)'))).map((c) => c.id);
    expect(marked).toEqual(uncertain.map((s) => s.id));
    expect(vtt).toContain('<v Kollontai>‘I, </v><v Compiler>– recalls Kollontai –</v><v Kollontai> sat and waited');
    expect(vtt).not.toMatch(/<v Compiler \(uncertain\)>/u);
  });

  it('throws on a manifest sentence without text (stale manifest)', () => {
    expect(() => manifestToWebVtt(testManifest(), sentencesOf().slice(1), SCRIPT.speakerNames)).toThrow(/s0/);
  });
});
