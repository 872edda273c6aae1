/**
 * Builds the narration script from the edition model: every sentence in reading order, keyed by
 * its stable id, with one spoken span per voice run and the lexicon applied to the spoken text.
 * Pure: used by the browser narration and by audio-scripts/.
 */
import type { Edition } from '../content/model.ts';
import type { Lexicon } from './lexicon.ts';
import type { NarrationItem, NarrationScript, SpokenSpan } from './types.ts';

/** Builds the script; spans that have nothing to say once spoken (a lone dash) are dropped. */
export function buildNarrationScript(edition: Edition, lexicon: Lexicon): NarrationScript {
  const items: NarrationItem[] = edition.sentences.map((sentence, index) => {
    let displayStart = 0;
    const spans: SpokenSpan[] = [];
    for (const span of sentence.spans) {
      const text = lexicon.toSpoken(span.text);
      if (/[\p{L}\p{N}]/u.test(text)) {
        spans.push({ speaker: span.speaker, text, displayStart, displayText: span.text });
      }
      displayStart += span.text.length;
    }
    return {
      id: sentence.id,
      index,
      speaker: sentence.speaker,
      paragraph: sentence.paragraph,
      section: sentence.section,
      text: sentence.text,
      spans,
    };
  });
  const speakerNames = Object.fromEntries(
    Object.values(edition.speakers).map((speaker) => [speaker.id, speaker.name]),
  ) as NarrationScript['speakerNames'];
  return { items, speakerNames };
}
