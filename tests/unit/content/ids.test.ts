// Stable ids: hash of the sentence's own text, suffixes for repeats, unaffected by unrelated edits.
import { describe, expect, it } from 'vitest';
import { buildEdition } from '../../../src/content/build-edition.ts';
import { assignIds, blockId, fnv1a32, sectionSlug, sentenceId } from '../../../src/content/ids.ts';
import { FIXTURE, withLine } from './fixture.ts';

const FILE = 'test.edition.md';

describe('ids', () => {
  it('hashes with 32-bit FNV-1a', () => {
    expect(fnv1a32('')).toBe(0x811c9dc5);
    expect(fnv1a32('a')).toBe(0xe40c292c);
    expect(fnv1a32('foobar')).toBe(0xbf9cf968);
  });

  it('derives sentence ids from whitespace-normalised text', () => {
    const id = sentenceId('We shall overcome.');
    expect(id).toMatch(/^s-[0-9a-z]{7}$/);
    expect(sentenceId('  We  shall\n overcome. ')).toBe(id);
    expect(sentenceId('We shall overcome!')).not.toBe(id);
    expect(sentenceId('')).toMatch(/^s-[0-9a-z]{7}$/);
    expect(blockId('We shall overcome.')).toBe(id.replace(/^s-/, 'b-'));
  });

  it('suffixes repeated ids in reading order', () => {
    expect(assignIds(['A.', 'B.', 'A.', 'A.'])).toEqual([sentenceId('A.'), sentenceId('B.'), `${sentenceId('A.')}-2`, `${sentenceId('A.')}-3`]);
    expect(assignIds(['Front', 'Back', 'Front'], sectionSlug, ['front', 'back'])).toEqual(['front-2', 'back-2', 'front-3']);
  });

  it('slugs headings', () => {
    expect(sectionSlug('In Stalin’s office')).toBe('in-stalins-office');
    expect(sectionSlug('Europe in 1938–1939: the compiler’s introduction')).toBe('europe-in-1938-1939-the-compilers-introduction');
    expect(sectionSlug('Café – Ünter')).toBe('cafe-unter');
    expect(sectionSlug('…')).toBe('section');
  });
});

describe('ids in a built edition', () => {
  const before = buildEdition(FIXTURE, FILE);

  it('are unique and non-empty', () => {
    const ids = before.sentences.map((s) => s.id);
    expect(ids.every((id) => id.length > 0)).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(before.blocks.map((b) => b.id)).size).toBe(before.blocks.length);
  });

  it('survive an unrelated edit of another paragraph', () => {
    // Reword the second sentence of the first body paragraph (line 27).
    const after = buildEdition(withLine(27, 'Not even the League reacted at all.'), FILE);
    const changed = 'Even the League did not react.';
    expect(after.sentences.length).toBe(before.sentences.length);
    before.sentences.forEach((sentence, i) => {
      const edited = after.sentences[i]!;
      if (sentence.text === changed) {
        expect(edited.id).not.toBe(sentence.id);
      } else {
        expect(edited.text).toBe(sentence.text);
        expect(edited.id).toBe(sentence.id);
      }
    });
    // Its block keeps its id too: block ids hash the first sentence, which did not change.
    expect(after.blocks.map((b) => b.id)).toEqual(before.blocks.map((b) => b.id));
    expect(after.sections.map((s) => s.id)).toEqual(before.sections.map((s) => s.id));
  });

  it('survive inserting a paragraph elsewhere', () => {
    const after = buildEdition(withLine(28, '\n@prose narrator\nA brand new paragraph. With two sentences.\n'), FILE);
    const byText = new Map(after.sentences.map((s) => [s.text, s.id]));
    for (const sentence of before.sentences) expect(byText.get(sentence.text)).toBe(sentence.id);
  });

  it('suffix repeated sentences in reading order', () => {
    const edition = buildEdition(withLine(30, '– I have come. I have come. I waited for hours. I have come.'), FILE);
    const base = sentenceId('I have come.');
    expect(edition.sentences.filter((s) => s.text === 'I have come.').map((s) => s.id)).toEqual([base, `${base}-2`]);
    expect(edition.sentences.find((s) => s.text === '– I have come.')!.id).toBe(sentenceId('– I have come.'));
  });
});
