/**
 * Sentence segmentation for the edition's English text. Rule-based and data-driven: a boundary is
 * terminal punctuation, optional closing quotes/brackets, whitespace, then a sentence-start
 * character — except after initials ("A.M."), known abbreviations ("pp.", "Vol.") and ellipses not
 * followed by a capital, quote or dash. Pure: no DOM.
 */

/** A sentence as a character range `[start, end)` of the segmented text; never starts or ends with whitespace. */
export interface SentenceRange {
  start: number;
  end: number;
}

/** Abbreviations (without their final period, case-sensitive) after which a sentence never ends. */
export const ABBREVIATIONS: ReadonlySet<string> = new Set([
  'p', 'pp', 'No', 'Nos', 'Vol', 'Vols', 'vol', 'vols', 'ch', 'Ch', 'ed', 'eds', 'Ed', 'trans', 'fig', 'Fig',
  'Mr', 'Mrs', 'Ms', 'Dr', 'St', 'Prof', 'Gen', 'Col', 'Capt', 'Lt', 'Jr', 'Sr', 'Sen', 'Rev',
  'cf', 'e.g', 'i.e', 'viz', 'vs', 'approx', 'ca',
]);
// Not listed: "etc.", which may end a sentence. Followed by a lowercase word it never splits
// anyway (a sentence start must be a capital, digit, opening quote or dash).

/** Sentence-final punctuation; a run of them ("?!", "...") is one terminator. */
export const TERMINALS: ReadonlySet<string> = new Set(['.', '?', '!', '…']);
/** Closing quotes and brackets that stay with the sentence they close. */
export const CLOSERS: ReadonlySet<string> = new Set(['’', '”', '"', "'", ')', ']', '»']);
/** Opening quotes and brackets that may start a sentence. */
export const OPENERS: ReadonlySet<string> = new Set(['‘', '“', '"', "'", '«', '(', '[']);
/** Dashes that open a dialogue turn or sentence. */
export const DASHES: ReadonlySet<string> = new Set(['–', '—', '-']);

const UPPER = /^\p{Lu}$/u;
const DIGIT = /^\p{Nd}$/u;
const SPACE = /^\s$/u;
const WORD_CHAR = /^[\p{L}.]$/u;
const INITIALS = /^(?:\p{Lu}\.)*\p{Lu}$/u;

/**
 * Splits `text` into sentences.
 * @returns ranges in reading order; together they cover every non-whitespace character, and the
 *   whitespace between two sentences belongs to neither.
 */
export function segmentSentences(text: string): SentenceRange[] {
  const ranges: SentenceRange[] = [];
  let start = skipSpace(text, 0);
  let i = start;
  while (i < text.length) {
    if (!TERMINALS.has(text[i]!)) {
      i += 1;
      continue;
    }
    const termStart = i;
    while (i < text.length && TERMINALS.has(text[i]!)) i += 1;
    const termEnd = i;
    while (i < text.length && CLOSERS.has(text[i]!)) i += 1;
    if (isBoundary(text, termStart, termEnd, i)) {
      ranges.push({ start, end: i });
      start = skipSpace(text, i);
      i = start;
    }
  }
  if (start < text.length) ranges.push({ start, end: trimEnd(text) });
  return ranges;
}

/** Whether a sentence ends after the terminator `[termStart, termEnd)` and its closers up to `closeEnd`. */
function isBoundary(text: string, termStart: number, termEnd: number, closeEnd: number): boolean {
  if (closeEnd >= text.length || !SPACE.test(text[closeEnd]!)) return false;
  const next = skipSpace(text, closeEnd);
  if (next >= text.length) return false;
  const first = String.fromCodePoint(text.codePointAt(next)!);
  const terminator = text.slice(termStart, termEnd);
  const startsLikeSentence = UPPER.test(first) || OPENERS.has(first) || DASHES.has(first);
  if (terminator.includes('…') || terminator.includes('..')) return startsLikeSentence;
  if (!startsLikeSentence && !DIGIT.test(first)) return false;
  if (terminator === '.') {
    const word = wordBefore(text, termStart);
    if (INITIALS.test(word) || ABBREVIATIONS.has(word)) return false;
  }
  return true;
}

/** The letters and inner periods just before `end` ("A.M", "e.g", "pp"). */
function wordBefore(text: string, end: number): string {
  let i = end;
  while (i > 0 && WORD_CHAR.test(text[i - 1]!)) i -= 1;
  return text.slice(i, end).replace(/^\.+/, '');
}

function skipSpace(text: string, from: number): number {
  let i = from;
  while (i < text.length && SPACE.test(text[i]!)) i += 1;
  return i;
}

function trimEnd(text: string): number {
  let end = text.length;
  while (end > 0 && SPACE.test(text[end - 1]!)) end -= 1;
  return end;
}
