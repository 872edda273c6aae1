/**
 * Maps the words of a sentence's spoken (lexicon-respelled) text back to its displayed text, so a
 * word found in the audio can be highlighted where the reader sees it. Pure: used by the aligner
 * in audio-scripts/ and by node tests.
 */
import type { SpokenSpan } from './types.ts';

/** One spoken word and where it shows in the sentence's displayed text (UTF-16 offsets). */
export interface SpokenWord {
  /** The word as spoken (sent to the synthesizer). */
  spoken: string;
  /** Start of the displayed word(s) it reads, in the sentence's displayed text. */
  from: number;
  /** End (exclusive) of the displayed word(s) it reads. */
  to: number;
}

interface Token {
  text: string;
  start: number;
  end: number;
}

/** Letters or digits, with inner apostrophes, hyphens and dots ("don't", "Kuh-lon-tie", "1.5"). */
const WORD = /[\p{L}\p{N}]+(?:['’\-.][\p{L}\p{N}]+)*/gu;

/** The words of `text` (punctuation-only runs are not words). */
export function tokenizeWords(text: string): Token[] {
  return [...text.matchAll(WORD)].map((m) => ({ text: m[0], start: m.index, end: m.index + m[0].length }));
}

const norm = (word: string) => word.toLowerCase().replace(/’/g, "'");

/**
 * The spoken words of one span, each with the displayed range it reads. Identical words are
 * matched in order (longest common subsequence); a run of spoken words between two matches (a
 * respelled name, an expanded abbreviation) maps onto the displayed words between the same two
 * matches, in proportion (one-to-one when the counts agree).
 * @param span one spoken span (its `displayStart` places it in the sentence)
 */
export function spanWordOffsets(span: Pick<SpokenSpan, 'text' | 'displayText' | 'displayStart'>): SpokenWord[] {
  const spoken = tokenizeWords(span.text);
  const shown = tokenizeWords(span.displayText);
  const n = spoken.length;
  const m = shown.length;
  // LCS table over normalised words.
  const lcs: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i][j] = norm(spoken[i].text) === norm(shown[j].text) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
    }
  }
  const matches: Array<[number, number]> = [];
  for (let i = 0, j = 0; i < n && j < m; ) {
    if (norm(spoken[i].text) === norm(shown[j].text)) matches.push([i++, j++]);
    else if (lcs[i + 1][j] >= lcs[i][j + 1]) i++;
    else j++;
  }
  matches.push([n, m]);
  const offset = span.displayStart;
  const out: SpokenWord[] = [];
  let prevI = 0;
  let prevJ = 0;
  for (const [mi, mj] of matches) {
    const gapSpoken = spoken.slice(prevI, mi);
    const gapShown = shown.slice(prevJ, mj);
    gapSpoken.forEach((word, k) => {
      let from: number;
      let to: number;
      if (gapShown.length === 0) {
        // Nothing displayed here (an inserted word): pin it to the neighbouring displayed word.
        const near = shown[Math.min(prevJ, m - 1)] ?? { start: 0, end: span.displayText.length };
        from = near.start;
        to = near.end;
      } else {
        // One-to-one when the counts agree, else in proportion ("ay em kollon tie" → A.M. A.M. Kollontai Kollontai).
        const target = gapShown[Math.floor((k * gapShown.length) / gapSpoken.length)];
        from = target.start;
        to = target.end;
      }
      out.push({ spoken: word.text, from: offset + from, to: offset + to });
    });
    if (mi < n) out.push({ spoken: spoken[mi].text, from: offset + shown[mj].start, to: offset + shown[mj].end });
    prevI = mi + 1;
    prevJ = mj + 1;
  }
  return out;
}

/** All spoken words of a sentence, in order, with their displayed ranges. */
export function sentenceWordOffsets(spans: ReadonlyArray<Pick<SpokenSpan, 'text' | 'displayText' | 'displayStart'>>): SpokenWord[] {
  return spans.flatMap((span) => spanWordOffsets(span));
}
