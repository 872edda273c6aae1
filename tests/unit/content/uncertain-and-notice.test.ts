// Uncertain attributions and the content notice (issue 10, items 1-3), in the real edition:
// the marks in the model (edition.json), the narration script (asides, passages, the bar's
// speaker), and the compiler's spans inside Kollontai's turns.
import { describe, expect, it } from 'vitest';
import { speakerLabel } from '../../../src/components/narration-controls/events.ts';
import { loadEdition } from '../../../src/content/load.ts';
import { defaultLexicon } from '../../../src/narration/lexicon.ts';
import { buildNarrationScript, uncertainAsideId } from '../../../src/narration/script.ts';

const edition = loadEdition('src/content/source/kollontai-1939.edition.md');
const script = buildNarrationScript(edition, defaultLexicon());
const text = (id: string) => edition.sentences.find((s) => s.id === id)!.text;
const blockStarting = (start: string) => edition.blocks.find((b) => text(b.sentenceIds[0]!).startsWith(start))!;

describe('uncertain attributions', () => {
  it('marks the “However, the Soviet government, the minister said…” paragraph uncertain, with a reason, in edition.json', () => {
    const block = blockStarting('Since none of the explanations');
    expect(block.speaker).toBe('kollontai');
    expect(block.uncertain).toMatch(/compiler/);
    const sentences = block.sentenceIds.map((id) => edition.sentences.find((s) => s.id === id)!);
    expect(sentences.map((s) => s.text.slice(0, 30))).toEqual(['Since none of the explanations', 'However, the Soviet government']);
    for (const sentence of sentences) expect(sentence.uncertain).toBe(block.uncertain);
  });

  it('every uncertain block has an Editor’s aside, read before it the first time, naming the probable speaker', () => {
    const uncertain = edition.blocks.filter((b) => b.uncertain !== undefined);
    expect(uncertain.length).toBeGreaterThanOrEqual(3);
    for (const block of uncertain) {
      const aside = script.asides[uncertainAsideId(block.id)]!;
      expect(aside.speaker).toBe('editor');
      expect(aside.text).toContain(`probably ${edition.speakers[block.speaker].name}`);
      for (const id of block.sentenceIds) {
        const item = script.items.find((i) => i.id === id)!;
        expect(item.uncertainAside).toBe(aside.id);
        expect(item.uncertain).toBe(true);
      }
    }
  });

  it('the reader bar says “probably Molotov” on the uncertain turn, “Molotov” on a certain one, “Editor” during an aside', () => {
    const probable = blockStarting('– Going by the case of Poland');
    const item = script.items.find((i) => i.id === probable.sentenceIds[0])!;
    const view = (it: typeof item) => ({ speakerName: script.speakerNames[it.speaker], speakerUncertain: it.uncertain === true });
    expect(speakerLabel(view(item))).toBe('probably Molotov');
    const certain = script.items.find((i) => i.text.startsWith('– You have come to petition'))!;
    expect(speakerLabel(view(certain))).toBe('Molotov');
    expect(speakerLabel({ ...view(certain), aside: 'note-anschluss' })).toBe('Editor');
    expect(speakerLabel({ speakerName: null })).toBe(null);
  });
});

describe('the content notice and its passage', () => {
  const notice = edition.blocks.find((b) => b.role === 'notice')!;

  it('covers exactly the two paragraphs that speak of “Zionism”, and each points back to it', () => {
    const covered = notice.covers!.map((id) => edition.blocks.find((b) => b.id === id)!);
    expect(covered).toHaveLength(2);
    const passageText = covered.flatMap((b) => b.sentenceIds.map(text)).join(' ');
    expect(passageText).toContain('Zionism, in a tearing hurry');
    expect(passageText).toContain('International Zionism shall');
    for (const block of covered) expect(block.notice).toBe(notice.id);
    const rest = edition.sentences.filter((s) => !covered.some((b) => b.sentenceIds.includes(s.id))).map((s) => s.text).join(' ');
    expect(rest).not.toMatch(/Zionism(?!”)/); // only the notice's own quoted “Zionism” and the glossary outside the passage
  });

  it('the narration script knows the notice sentences and the passage sentences', () => {
    expect(script.passages).toEqual([{ notice: notice.sentenceIds, passage: notice.covers!.flatMap((id) => edition.blocks.find((b) => b.id === id)!.sentenceIds) }]);
  });
});

describe('the compiler’s words inside Kollontai’s turns', () => {
  it('are spans of the compiler (narrator) voice inside sentences of a Kollontai block', () => {
    const compiler = edition.sentences.flatMap((s) => s.spans.filter((span) => span.speaker === 'narrator').map((span) => ({ s, span })));
    const inKollontai = compiler.filter(({ s }) => edition.blocks.find((b) => b.id === s.paragraph)!.speaker === 'kollontai');
    const words = inKollontai.map(({ span }) => span.text.trim());
    expect(words).toEqual(expect.arrayContaining(['– recalls Kollontai –', 'wrote Aleksandra Mikhailovna.', 'Kollontai wrote,']));
    expect(words.some((w) => w.startsWith('She tried to complete'))).toBe(true);
  });

  it('the reader bar names the compiler as a second voice of such a sentence', () => {
    const mixed = script.items.find((i) => i.text.startsWith('‘These conversations,'))!;
    const others = [...new Set(mixed.spans.map((s) => s.speaker))].filter((s) => s !== mixed.speaker).map((s) => script.speakerNames[s]);
    expect(speakerLabel({ speakerName: script.speakerNames[mixed.speaker], otherSpeakerNames: others })).toBe('Kollontai, with Compiler');
  });
});
