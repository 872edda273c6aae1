// The glossary file (issue 10, item 4): every mistake fails the build with file:line and what is
// wrong; anchors attach to the existing words and never change the text; the real glossary has
// FACTS.md's 18 entries (and more), each with a source, each attached where the text names it.
import { describe, expect, it } from 'vitest';
import { buildEdition } from '../../../src/content/build-edition.ts';
import { attachGlossary, parseGlossary } from '../../../src/content/glossary.ts';
import { loadEdition } from '../../../src/content/load.ts';

const FILE = 'x.glossary.md';
const entry = (lines: string[]) => lines.join('\n');

describe('parseGlossary: mistakes are reported as file:line', () => {
  it.each([
    ['an entry without a source', entry(['@entry a term A', 'anchor: A', 'Text.']), `${FILE}:1: @entry a has no "source:" line`],
    ['an entry without text', entry(['@entry a term A', 'source: S']), `${FILE}:1: @entry a has no text`],
    ['an unknown kind', entry(['@entry a word A']), `${FILE}:1: unknown entry kind "word"`],
    ['a bad id', entry(['@entry A_1 term A']), `${FILE}:1: entry id "A_1" must be lower-case`],
    ['a duplicate id', entry(['@entry a term A', 'source: S', 'Text.', '', '@entry a term B']), `${FILE}:5: duplicate entry id "a" (first at line 1)`],
    ['text with no entry', entry(['Some text.']), `${FILE}:1: text with no open entry`],
    ['a context that lacks the words', entry(['@entry a term A', 'anchor: Anschluss | Austria was occupied', 'source: S', 'T.']), `${FILE}:2: the anchor's context`],
    ['a malformed @ line', entry(['@entry a']), `${FILE}:1: expected "@entry <id> <term|note|person> <term>"`],
  ])('%s', (_name, source, message) => {
    expect(() => parseGlossary(source, FILE)).toThrow(message);
  });
});

describe('attachGlossary', () => {
  const edition = buildEdition(
    ['@title', 'T', '', '@dateline', 'D', '', '@speaker narrator Compiler', 'C.', '', '@speaker kollontai Kollontai', 'K.', '', '@speaker editor Editor', 'E.', '',
      '## S', '', '@prose kollontai', 'I went to Moscow, {narrator|wrote Kollontai.} Then Moscow again.'].join('\n'),
    'x.edition.md',
  );

  it('attaches to the first sentence containing the context, as a range of its own text', () => {
    const sentences = structuredClone(edition.sentences);
    const [glossed] = attachGlossary(parseGlossary(entry(['@entry moscow term Moscow', 'anchor: Moscow | Moscow again', 'source: S', 'The capital.']), FILE), sentences, FILE);
    const sentence = sentences.find((s) => s.id === glossed!.uses[0])!;
    expect(sentence.text).toBe('Then Moscow again.');
    expect(sentence.glosses).toEqual([{ entry: 'moscow', start: 5, end: 11 }]);
    expect(sentence.text.slice(5, 11)).toBe('Moscow');
  });

  it('fails with file:line when an anchor is not in the text, overlaps another, or crosses a change of speaker', () => {
    const attach = (lines: string[]) => () => attachGlossary(parseGlossary(entry(lines), FILE), structuredClone(edition.sentences), FILE);
    expect(attach(['@entry a term A', 'anchor: Leningrad', 'source: S', 'T.'])).toThrow(`${FILE}:2: anchor not found: no sentence contains "Leningrad"`);
    expect(attach(['@entry a term A', 'anchor: went to', 'source: S', 'T.', '', '@entry b term B', 'anchor: to Moscow', 'source: S', 'T.'])).toThrow(
      `${FILE}:7: anchor "to Moscow" overlaps the anchor of entry "a"`,
    );
    expect(attach(['@entry a term A', 'anchor: Moscow, wrote', 'source: S', 'T.'])).toThrow(`${FILE}:2: anchor "Moscow, wrote" crosses a change of speaker`);
  });
});

describe('the edition’s glossary', () => {
  const edition = loadEdition('src/content/source/kollontai-1939.edition.md');
  const FACTS_TERMS = [
    'anschluss', 'munich-agreement', 'anglo-french-soviet-talks', 'non-aggression-pact', 'treaty-28-september', 'curzon-line',
    'soviet-finnish-talks', 'winter-war', 'kollontai', 'molotov', 'peoples-commissariat', 'alexander-nevsky', 'dmitri-donskoi',
    'ivan-kalita', 'ivan-grozny', 'peter-the-first', 'suvorov', 'kutuzov',
  ];
  const NOTES = ['secret-protocol', 'treaty-28-september', 'curzon-line-claim', 'six-months', 'winter-war', 'ambassador', 'zionism-campaigns'];

  it('has every FACTS.md glossary entry and the editor’s notes the issue names, each with a source and a use', () => {
    const ids = edition.glossary.map((g) => g.id);
    expect(ids).toEqual(expect.arrayContaining([...FACTS_TERMS, ...NOTES]));
    for (const g of edition.glossary) {
      expect(g.sources.length, g.id).toBeGreaterThanOrEqual(1);
      expect(g.uses.length, g.id).toBeGreaterThanOrEqual(1);
      expect(g.text.length, g.id).toBeGreaterThan(20);
    }
  });

  it('has a short bio for everyone the text names', () => {
    const people = edition.glossary.filter((g) => g.kind === 'person').map((g) => g.id);
    expect(people).toEqual(
      expect.arrayContaining(['kollontai', 'molotov', 'stalin', 'secretaries', 'chamberlain', 'daladier', 'hitler', 'alexander-the-great', 'napoleon', 'kiev-princes', 'alexander-nevsky', 'dmitri-donskoi', 'ivan-kalita', 'ivan-grozny', 'peter-the-first', 'suvorov', 'kutuzov', 'marx', 'lenin']),
    );
  });

  it('links the notice to the note on the late-Stalin campaigns', () => {
    const notice = edition.blocks.find((b) => b.role === 'notice')!;
    const zionism = edition.glossary.find((g) => g.id === 'zionism-campaigns')!;
    expect(notice.sentenceIds).toContain(zionism.uses[0]);
  });

  it('never states a reported argument as settled: the notice says “critics argue”', () => {
    const notice = edition.blocks.find((b) => b.role === 'notice')!;
    const text = notice.sentenceIds.map((id) => edition.sentences.find((s) => s.id === id)!.text).join(' ');
    expect(text).toContain('Critics argue');
    expect(text).toContain('late 1940s and early 1950s');
  });
});
