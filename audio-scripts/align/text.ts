/**
 * The sentences the aligner reads: the edition's narration script (default lexicon, as the
 * recorded narration speaks it), in reading order, optionally cut to a `from`..`to` range.
 */
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadEdition } from '../../src/content/load.ts';
import { defaultLexicon } from '../../src/narration/lexicon.ts';
import { buildNarrationScript } from '../../src/narration/script.ts';
import type { NarrationItem } from '../../src/narration/types.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
/** The edition's annotated source. */
export const EDITION_SOURCE = join(ROOT, 'src/content/source/kollontai-1939.edition.md');

/**
 * The narration items from `from` to `to` (sentence ids, both included; default first and last).
 * @throws Error naming an unknown id or a range that runs backwards
 */
export function loadSentences(from?: string, to?: string, source = EDITION_SOURCE): NarrationItem[] {
  const items = buildNarrationScript(loadEdition(source), defaultLexicon()).items;
  const index = (id: string | undefined, fallback: number) => {
    if (id === undefined) return fallback;
    const i = items.findIndex((item) => item.id === id);
    if (i < 0) throw new Error(`unknown sentence id: ${id}`);
    return i;
  };
  const a = index(from, 0);
  const b = index(to, items.length - 1);
  if (b < a) throw new Error(`--to ${to} comes before --from ${from}`);
  return items.slice(a, b + 1);
}
