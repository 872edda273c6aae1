/**
 * Stable ids. A sentence id is a hash of the sentence's own (whitespace-normalised) text, so editing
 * one sentence never changes another's id; identical sentences get `-2`, `-3`… in reading order.
 * Block ids hash the block's first sentence; section ids are slugs of their headings.
 */

/** Collapses whitespace runs to one space and trims; Unicode NFC. */
export function normaliseText(text: string): string {
  return text.normalize('NFC').replace(/\s+/gu, ' ').trim();
}

const encoder = new TextEncoder();

/** 32-bit FNV-1a hash of the UTF-8 bytes of `text`, as an unsigned integer. */
export function fnv1a32(text: string): number {
  let hash = 0x811c9dc5;
  for (const byte of encoder.encode(text)) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** `fnv1a32` of the normalised text in base 36, exactly 7 characters. */
function hash7(text: string): string {
  return fnv1a32(normaliseText(text)).toString(36).padStart(7, '0').slice(-7);
}

/** Id of a sentence from its text: `s-` + 7 base-36 characters (before de-duplication). */
export function sentenceId(text: string): string {
  return `s-${hash7(text)}`;
}

/** Id of a block from the text of its first sentence: `b-` + 7 base-36 characters (before de-duplication). */
export function blockId(firstSentenceText: string): string {
  return `b-${hash7(firstSentenceText)}`;
}

/** Slug of a section heading: lowercase ASCII words joined by `-` (`section` when nothing is left). */
export function sectionSlug(heading: string): string {
  const slug = heading
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/gu, '')
    .toLowerCase()
    .replace(/[’']/gu, '')
    .replace(/[^a-z0-9]+/gu, '-')
    .replace(/^-+|-+$/gu, '');
  return slug === '' ? 'section' : slug;
}

/**
 * Ids for `texts` in reading order: `makeId(text)`, with `-2`, `-3`… appended to repeats.
 * @param reserved ids that are already taken (e.g. `front`, `back` for sections)
 */
export function assignIds(
  texts: readonly string[],
  makeId: (text: string) => string = sentenceId,
  reserved: Iterable<string> = [],
): string[] {
  const taken = new Set(reserved);
  return texts.map((text) => {
    const base = makeId(text);
    let id = base;
    for (let n = 2; taken.has(id); n += 1) id = `${base}-${n}`;
    taken.add(id);
    return id;
  });
}
