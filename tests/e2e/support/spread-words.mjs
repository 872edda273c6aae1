// Word times for tests and the bench, before the committed manifest has real ones: every token of
// a sentence with a letter or digit (edge punctuation trimmed) gets a share of the sentence's time
// in proportion to its length; words touch. Plain JavaScript, so the bench (run.mjs) and the
// TypeScript browser tests share it.

/**
 * Adds `words` to every manifest entry of `order` whose displayed text `texts` has (in place).
 * Entries without text, without time or without words are left as they are.
 * @param {{ order: string[], sentences: Record<string, { start: number, end: number, words?: unknown }> }} manifest
 * @param {Map<string, string>} texts
 */
export function spreadWordTimes(manifest, texts) {
  for (const id of manifest.order) {
    const entry = manifest.sentences[id];
    const text = texts.get(id);
    if (!entry || text === undefined || entry.end <= entry.start) continue;
    const tokens = [];
    for (const m of text.matchAll(/\S+/g)) {
      const core = /[\p{L}\p{N}](?:.*[\p{L}\p{N}])?/u.exec(m[0]);
      if (core) tokens.push({ from: m.index + core.index, to: m.index + core.index + core[0].length });
    }
    const total = tokens.reduce((sum, t) => sum + (t.to - t.from), 0);
    if (!total) continue;
    let chars = 0;
    const at = () => Math.round(entry.start + ((entry.end - entry.start) * chars) / total);
    entry.words = tokens.map((t) => {
      const start = at();
      chars += t.to - t.from;
      return { start, end: at(), from: t.from, to: t.to };
    });
  }
  return manifest;
}
