// Building the edition: reading order, sections, kinds, speaker runs and primary speakers.
import { describe, expect, it } from 'vitest';
import { buildEdition, primarySpeaker } from '../../../src/content/build-edition.ts';
import { AnnotationError } from '../../../src/content/errors.ts';
import { parseAnnotated } from '../../../src/content/parse.ts';
import { readFileSync } from 'node:fs';

const EDITION_SOURCE = 'src/content/source/kollontai-1939.edition.md';
import { FIXTURE, withLine } from './fixture.ts';

const FILE = 'test.edition.md';

describe('buildEdition', () => {
  const edition = buildEdition(FIXTURE, FILE);

  it('reads title, dateline, cast and speakers', () => {
    expect(edition.title).toBe('A Conversation');
    expect(edition.dateline).toBe('(November, 1939)');
    expect(edition.cast).toEqual(['narrator', 'kollontai', 'stalin', 'editor']);
    expect(edition.speakers.stalin).toEqual({ id: 'stalin', name: 'Stalin', description: 'The leader.' });
  });

  it('puts sentences in reading order with kinds and sections', () => {
    expect(edition.sentences.map((s) => [s.kind, s.section, s.speaker, s.text])).toEqual([
      ['apparatus', 'front', 'narrator', 'A Conversation'],
      ['apparatus', 'front', 'narrator', '(November, 1939)'],
      ['editorial', 'front', 'editor', 'An editor’s note.'],
      ['editorial', 'front', 'editor', 'It has two sentences.'],
      ['editorial', 'first-part', 'editor', 'First part'],
      ['body', 'first-part', 'narrator', 'In March 1938, something happened.'],
      ['body', 'first-part', 'narrator', 'Even the League did not react.'],
      ['body', 'first-part', 'kollontai', '– I have come.'],
      ['body', 'first-part', 'kollontai', 'I waited for hours.'],
      ['editorial', 'second-part', 'editor', 'Second part'],
      ['body', 'second-part', 'kollontai', 'And, in a softer voice, he said: ‘We shall overcome.'],
      ['body', 'second-part', 'stalin', 'We shall certainly overcome!'],
      ['body', 'second-part', 'stalin', '– Going by the case of Poland.'],
      ['apparatus', 'back', 'narrator', 'Note.'],
      ['apparatus', 'back', 'narrator', 'Extracts from the diaries of A.M. Kollontai.'],
      ['apparatus', 'back', 'narrator', 'Dialog, 1998, No. 8, pp. 92-94'],
      ['apparatus', 'back', 'narrator', 'Translated by Someone'],
      ['editorial', 'back', 'editor', 'Our note on the source.'],
    ]);
  });

  it('orders front matter as title, dateline, editor’s note whatever the file order', () => {
    const swapped = FIXTURE.replace('@title\nA Conversation\n\n@dateline\n(November, 1939)', '@dateline\n(November, 1939)\n\n@title\nA Conversation');
    const { sentences } = buildEdition(swapped, FILE);
    expect(sentences.slice(0, 2).map((s) => [s.text, s.line])).toEqual([
      ['A Conversation', 5],
      ['(November, 1939)', 2],
    ]);
  });

  it('builds sections and blocks that point at each other', () => {
    expect(edition.sections.map((s) => [s.id, s.heading, s.blockIds.length])).toEqual([
      ['front', '', 3],
      ['first-part', 'First part', 3],
      ['second-part', 'Second part', 3],
      ['back', '', 4],
    ]);
    const blockIds = edition.sections.flatMap((s) => s.blockIds);
    expect(blockIds).toEqual(edition.blocks.map((b) => b.id));
    expect(edition.blocks.flatMap((b) => b.sentenceIds)).toEqual(edition.sentences.map((s) => s.id));
    for (const block of edition.blocks) {
      for (const id of block.sentenceIds) {
        const sentence = edition.sentences.find((s) => s.id === id)!;
        expect(sentence.paragraph).toBe(block.id);
        expect(sentence.section).toBe(block.section);
        expect(sentence.line).toBe(block.line);
      }
    }
    expect(edition.blocks.map((b) => b.role)).toEqual([
      'title', 'dateline', 'editor-note', 'heading', 'prose', 'turn', 'heading', 'prose', 'turn',
      'source-note', 'citation', 'translator', 'about-source',
    ]);
  });

  it('splits a mixed sentence into exact speaker spans', () => {
    const [first, second] = edition.sentences.filter((s) => s.section === 'second-part' && s.kind === 'body');
    expect(first!.spans).toEqual([
      { speaker: 'kollontai', text: 'And, in a softer voice, he said: ' },
      { speaker: 'stalin', text: '‘We shall overcome.' },
    ]);
    expect(first!.speaker).toBe('kollontai');
    expect(second!.spans).toEqual([{ speaker: 'stalin', text: 'We shall certainly overcome!' }]);
    expect(second!.speaker).toBe('stalin');
  });

  it('concatenates spans to exactly the sentence text', () => {
    const source = withLine(35, 'He said:  {stalin|‘One. Two} {stalin|three.} {kollontai|Yes.}  I {stalin|nodded} and {kollontai?|left}.');
    for (const sentence of buildEdition(source, FILE).sentences) {
      expect(sentence.spans.map((s) => s.text).join('')).toBe(sentence.text);
      expect(sentence.spans.every((s) => s.text.trim() !== '')).toBe(true);
    }
  });

  it('merges adjacent runs of one speaker and keeps whitespace with the text', () => {
    const source = withLine(35, 'He said: {stalin|‘One} {stalin|two.} I {stalin|nodded} and {kollontai|left}.');
    const sentences = buildEdition(source, FILE).sentences.filter((s) => s.section === 'second-part' && s.kind === 'body');
    expect(sentences[0]!.spans).toEqual([
      { speaker: 'kollontai', text: 'He said: ' },
      { speaker: 'stalin', text: '‘One two.' },
    ]);
    expect(sentences[1]!.spans).toEqual([
      { speaker: 'kollontai', text: 'I ' },
      { speaker: 'stalin', text: 'nodded' },
      { speaker: 'kollontai', text: ' and left.' },
    ]);
  });

  it('picks the primary speaker by non-whitespace characters, ties to the block speaker', () => {
    const source = withLine(35, 'Ab {stalin|cd}. I said {stalin|a          b}. {stalin|Much longer words} here.');
    const sentences = buildEdition(source, FILE).sentences.filter((s) => s.section === 'second-part' && s.kind === 'body');
    expect(sentences.slice(0, 3).map((s) => s.speaker)).toEqual(['kollontai', 'kollontai', 'stalin']);
    expect(primarySpeaker([{ speaker: 'stalin', text: 'ab' }, { speaker: 'molotov', text: 'cd' }], 'narrator')).toBe('stalin');
    expect(primarySpeaker([{ speaker: 'stalin', text: 'ab' }, { speaker: 'molotov', text: 'cd' }], 'molotov')).toBe('molotov');
  });

  it('gives a block the speaker its annotation gives, however long the quotes inside it (issue 10)', () => {
    const source = withLine(35, 'He said: {stalin|‘We shall overcome. We shall certainly overcome!}');
    const block = buildEdition(source, FILE).blocks.find((b) => b.role === 'prose' && b.section === 'second-part')!;
    expect(block.speaker).not.toBe('stalin');
  });

  it('every labelled paragraph of the edition carries its annotation’s speaker (issue 10)', () => {
    const source = readFileSync(EDITION_SOURCE, 'utf8');
    const edition = buildEdition(source, EDITION_SOURCE);
    const turns = parseAnnotated(source, EDITION_SOURCE).blocks.filter((b) => b.role === 'turn');
    expect(turns.length).toBeGreaterThanOrEqual(20);
    const built = new Map(edition.blocks.filter((b) => b.role === 'turn').map((b) => [b.line, b.speaker]));
    const wrong = turns.filter((t) => built.get(t.line) !== t.speaker).map((t) => `line ${t.line}: ${t.speaker} → ${built.get(t.line)}`);
    expect(wrong).toEqual([]);
    // The paragraph the character count gave to Stalin is Kollontai's.
    const melancholy = edition.sentences.find((s) => s.text.startsWith('While departing from the office some melancholy enveloped me.'))!;
    expect(edition.blocks.find((b) => b.id === melancholy.paragraph)!.speaker).toBe('kollontai');
  });

  it('marks uncertain blocks and uncertain spans', () => {
    const uncertain = edition.sentences.find((s) => s.text === '– Going by the case of Poland.')!;
    expect(uncertain.uncertain).toBe('The text does not say who speaks.');
    expect(uncertain.spans).toEqual([{ speaker: 'stalin', text: '– Going by the case of Poland.', uncertain: true }]);
    expect(edition.blocks.find((b) => b.role === 'turn' && b.speaker === 'stalin')!.uncertain).toBe('The text does not say who speaks.');

    const source = withLine(35, 'He said: {stalin?|‘We shall overcome.} And left.');
    const [first, second] = buildEdition(source, FILE).sentences.filter((s) => s.section === 'second-part' && s.kind === 'body');
    expect(first!.uncertain).toBe('The attribution of part of this sentence to Stalin is uncertain.');
    expect(first!.spans[1]).toEqual({ speaker: 'stalin', text: '‘We shall overcome.', uncertain: true });
    expect(second!.uncertain).toBeUndefined();
    expect(edition.sentences.filter((s) => s.uncertain).length).toBe(1);
  });

  it('fails with file:line on syntax errors', () => {
    expect(() => buildEdition(withLine(35, 'He said: {stalin|oops'), FILE)).toThrow(AnnotationError);
    expect(() => buildEdition(withLine(35, 'He said: {stalin|oops'), FILE)).toThrow(`${FILE}:35: `);
  });
});
