// The real annotated source: fidelity to the original text, dialogue attribution, cast and ids.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadEdition } from '../../../src/content/load.ts';
import type { SpeakerId } from '../../../src/content/model.ts';

const EDITION = 'src/content/source/kollontai-1939.edition.md';
const SOURCE = 'src/content/source/kollontai-1939.source.txt';

const collapse = (text: string): string => text.replace(/\s+/gu, ' ').trim();

/** '' when equal, else the first differing position with some context of both texts. */
function firstDifference(expected: string, actual: string): string {
  if (expected === actual) return '';
  let i = 0;
  while (i < expected.length && i < actual.length && expected[i] === actual[i]) i += 1;
  const around = (text: string) => JSON.stringify(text.slice(Math.max(0, i - 80), i + 80));
  return (
    `texts differ at character ${i} (expected length ${expected.length}, actual ${actual.length})\n` +
    `  source : …${around(expected)}…\n` +
    `  edition: …${around(actual)}…`
  );
}

/** The original text without its last two (non-blank) lines: the "Click here to return to …" navigation. */
function sourceText(): string {
  const lines = readFileSync(SOURCE, 'utf8').split(/\r?\n/u);
  const nonBlank = lines.flatMap((line, i) => (line.trim() === '' ? [] : [i]));
  const cut = nonBlank[nonBlank.length - 2]!;
  const dropped = lines.slice(cut).filter((line) => line.trim() !== '');
  expect(dropped.every((line) => line.startsWith('Click here to return to'))).toBe(true);
  return collapse(lines.slice(0, cut).join('\n'));
}

/**
 * Every dialogue turn (`@turn` block) in reading order: its opening words and its speaker, from a
 * reading of the source. Molotov's questions and replies are his; Kollontai's replies hers; the
 * unattributed "Going by the case of Poland" turn is read as Molotov's (uncertain); the secretaries
 * and the telephone caller are `secretary`; Stalin's quoted monologue paragraphs are his.
 */
const TURNS: [opening: string, speaker: SpeakerId, uncertain?: true][] = [
  ['– Please go in, Vyacheslav Mikhailovich', 'secretary'],
  ['– You have come to petition for your Finns?', 'molotov'],
  ['– I have come to orally inform you', 'kollontai'],
  ['– Going by the case of Poland', 'molotov', true],
  ['– All the progressive forces of Europe', 'kollontai'],
  ['– Thus you praise the imperialists', 'molotov'],
  ['– You once again have in mind', 'molotov'],
  ['– It is necessary to do all that is possible', 'molotov'],
  ['– Comrade Aleksandra Mikhailovna Kollontai?', 'secretary'],
  ['– Yes, I am listening to you.', 'kollontai'],
  ['– You are invited by comrade Stalin.', 'secretary'],
  ['– Can you come just now?', 'secretary'],
  ['– Certainly, I can.', 'kollontai'],
  ['– In seven minutes the car', 'secretary'],
  ['‘All this shall rest on the shoulders', 'stalin'],
  ['‘Many matters of our party and people', 'stalin'],
  ['International Zionism shall by all means', 'stalin'],
  ['Nationalism shall raise its head', 'stalin'],
  ['On the whole, in the future', 'stalin'],
  ['And nevertheless, the events', 'stalin'],
];

describe(`the edition file ${EDITION}`, () => {
  const edition = loadEdition(EDITION);
  const textOf = new Map(edition.sentences.map((s) => [s.id, s.text]));

  it('reproduces the source text exactly (whitespace aside)', () => {
    const front = edition.sentences.filter((s) => s.section === 'front' && s.kind === 'apparatus');
    const body = edition.sentences.filter((s) => s.kind === 'body');
    const back = edition.sentences.filter((s) => s.section === 'back' && s.kind === 'apparatus');
    expect(front.map((s) => s.text)).toEqual([edition.title, edition.dateline]);
    const actual = collapse([...front, ...body, ...back].map((s) => s.text).join(' '));
    expect(firstDifference(sourceText(), actual)).toBe('');
  });

  it('attributes every dialogue turn as expected', () => {
    const turns = edition.blocks
      .filter((b) => b.role === 'turn')
      .map((b) => {
        const text = b.sentenceIds.map((id) => textOf.get(id)).join(' ');
        const expected = TURNS.find(([opening]) => text.startsWith(opening));
        return {
          opening: expected?.[0] ?? text.slice(0, 50),
          speaker: b.speaker,
          uncertain: b.uncertain === undefined ? undefined : true,
          line: b.line,
        };
      });
    const expected = TURNS.map(([opening, speaker, uncertain]) => ({ opening, speaker, uncertain }));
    expect(turns.map(({ opening, speaker, uncertain }) => ({ opening, speaker, uncertain }))).toEqual(expected);
  });

  it('casts every speaker it uses', () => {
    const cast = new Set(edition.cast);
    const used = new Set<SpeakerId>([
      ...edition.blocks.map((b) => b.speaker),
      ...edition.sentences.flatMap((s) => [s.speaker, ...s.spans.map((span) => span.speaker)]),
    ]);
    for (const speaker of used) expect(cast.has(speaker), `speaker ${speaker} is not in the cast`).toBe(true);
    for (const id of edition.cast) {
      expect(edition.speakers[id].name).not.toBe('');
      expect(edition.speakers[id].description).not.toBe('');
    }
  });

  it('gives every sentence and block a unique, non-empty id', () => {
    const ids = edition.sentences.map((s) => s.id);
    expect(ids.every((id) => /^s-[0-9a-z]{7}(-\d+)?$/u.test(id))).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    const blockIds = edition.blocks.map((b) => b.id);
    expect(new Set(blockIds).size).toBe(blockIds.length);
  });

  it('has 4 to 7 body sections with headings', () => {
    const body = edition.sections.filter((s) => s.id !== 'front' && s.id !== 'back');
    expect(body.length).toBeGreaterThanOrEqual(4);
    expect(body.length).toBeLessThanOrEqual(7);
    for (const section of body) expect(section.heading).not.toBe('');
    expect(edition.sections[0]!.id).toBe('front');
    expect(edition.sections[edition.sections.length - 1]!.id).toBe('back');
  });

  it('keeps every span concatenation exact', () => {
    for (const sentence of edition.sentences) {
      expect(sentence.spans.map((s) => s.text).join('')).toBe(sentence.text);
    }
  });
});

describe('paragraphing (issue 10, item 11)', () => {
  const edition = loadEdition(EDITION);

  it('keeps the source’s paragraph boundaries: every body block is exactly one paragraph of the source', () => {
    const paragraphs = new Set(readFileSync(SOURCE, 'utf8').split(/\r?\n\s*\r?\n/u).map(collapse));
    const textOf = new Map(edition.sentences.map((s) => [s.id, s.text]));
    const body = edition.blocks.filter((b) => b.role === 'prose' || b.role === 'turn');
    const notParagraphs = body
      .map((b) => collapse(b.sentenceIds.map((id) => textOf.get(id)).join(' ')))
      .filter((text) => !paragraphs.has(text));
    expect(notParagraphs).toEqual([]);
    expect(paragraphs.has('– No, no, they are still busy, please wait. Finally a secretary to Molotov opened the door of his office for me to go in:')).toBe(true);
  });
});
