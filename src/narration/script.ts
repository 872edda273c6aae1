/**
 * Builds the narration script from the edition model: every sentence in reading order, keyed by
 * its stable id, with one spoken span per voice run and the lexicon applied to the spoken text;
 * the content notices with their passages; and the Editor's asides read outside the reading order
 * (glossary entries and notes, uncertain attributions).
 * Pure: used by the browser narration and by audio-scripts/.
 */
import type { Block, Edition, GlossEntry } from '../content/model.ts';
import type { Lexicon } from './lexicon.ts';
import type { NarrationItem, NarrationScript, NoticedPassage, SpokenSpan } from './types.ts';

/** Id of the aside that reads glossary entry `entryId`. */
export const noteAsideId = (entryId: string): string => `note-${entryId}`;

/** Id of the aside said before an uncertain block is first read. */
export const uncertainAsideId = (blockId: string): string => `uncertain-${blockId}`;

/** What the Editor says before an uncertain attribution is first read. */
export function uncertainAsideText(speakerName: string): string {
  return `The next words are probably ${speakerName}’s; the text does not say for certain.`;
}

/** What the Editor says for a glossary entry: its heading, then its text. */
export function noteAsideText(entry: Pick<GlossEntry, 'term' | 'text'>): string {
  const term = entry.term.replace(/[.:;,]+$/u, '');
  return `${term}. ${entry.text}`;
}

/** Builds the script; spans that have nothing to say once spoken (a lone dash) are dropped. */
export function buildNarrationScript(edition: Edition, lexicon: Lexicon): NarrationScript {
  const blocks = new Map(edition.blocks.map((block) => [block.id, block]));
  const items: NarrationItem[] = edition.sentences.map((sentence, index) => {
    let displayStart = 0;
    const spans: SpokenSpan[] = [];
    for (const span of sentence.spans) {
      const text = lexicon.toSpoken(span.text, sentence.text);
      if (/[\p{L}\p{N}]/u.test(text)) {
        spans.push({ speaker: span.speaker, text, displayStart, displayText: span.text });
      }
      displayStart += span.text.length;
    }
    const item: NarrationItem = {
      id: sentence.id,
      index,
      speaker: sentence.speaker,
      paragraph: sentence.paragraph,
      section: sentence.section,
      text: sentence.text,
      spans,
    };
    const block = blocks.get(sentence.paragraph);
    // The sentence's own speaker is the uncertain one (a quoted span inside does not count).
    if (sentence.uncertain !== undefined && sentence.spans.some((s) => s.uncertain && s.speaker === sentence.speaker)) {
      item.uncertain = true;
    }
    if (block?.uncertain !== undefined) item.uncertainAside = uncertainAsideId(block.id);
    const notes = [...new Set((sentence.glosses ?? []).map((use) => noteAsideId(use.entry)))];
    if (notes.length > 0) item.notes = notes;
    return item;
  });

  const asides: Record<string, NarrationItem> = {};
  const aside = (id: string, text: string): NarrationItem => ({
    id,
    index: -1,
    speaker: 'editor',
    paragraph: id,
    section: 'asides',
    text,
    spans: [{ speaker: 'editor', text: lexicon.toSpoken(text, text), displayStart: 0, displayText: text }],
  });
  for (const entry of edition.glossary ?? []) asides[noteAsideId(entry.id)] = aside(noteAsideId(entry.id), noteAsideText(entry));
  for (const block of edition.blocks) {
    if (block.uncertain === undefined) continue;
    asides[uncertainAsideId(block.id)] = aside(uncertainAsideId(block.id), uncertainAsideText(edition.speakers[block.speaker].name));
  }

  const speakerNames = Object.fromEntries(
    Object.values(edition.speakers).map((speaker) => [speaker.id, speaker.name]),
  ) as NarrationScript['speakerNames'];
  return { items, speakerNames, passages: noticedPassages(edition.blocks), asides };
}

/** The notices and their passages, as sentence ids. */
function noticedPassages(blocks: readonly Block[]): NoticedPassage[] {
  const byId = new Map(blocks.map((block) => [block.id, block]));
  return blocks
    .filter((block) => block.role === 'notice' && block.covers)
    .map((notice) => ({
      notice: [...notice.sentenceIds],
      passage: notice.covers!.flatMap((id) => byId.get(id)?.sentenceIds ?? []),
    }));
}
