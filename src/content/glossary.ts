/**
 * The glossary and notes file (`*.glossary.md`, see FORMAT.md): terms, editor's notes and people,
 * each with its sources, and the words of the text each one is attached to. Parses the file and
 * attaches every entry to its sentences (`Sentence.glosses`, `GlossEntry.uses`). The verbatim text
 * is never changed: an anchor is a range of a sentence's existing words.
 * Pure: no fs, no DOM. Every mistake throws `AnnotationError` (`file:line: message`).
 */
import { AnnotationErrors } from './errors.ts';
import type { GlossEntry, GlossKind, GlossUse, Sentence } from './model.ts';

const KINDS: readonly GlossKind[] = ['term', 'note', 'person'];

/** Where an entry is attached: `phrase` in the first sentence (in reading order) that contains `context`. */
export interface GlossAnchor {
  phrase: string;
  /** Text that picks the sentence (defaults to the phrase itself). */
  context: string;
  line: number;
}

/** An entry as written, before its anchors are resolved. */
export interface ParsedGlossEntry extends Omit<GlossEntry, 'uses'> {
  anchors: GlossAnchor[];
}

/**
 * Parses a glossary file.
 *
 * ```
 * @entry anschluss term Anschluss
 * anchor: Anschluss
 * anchor: six month long | these six month long negotiations
 * source: German Lost Art Foundation, glossary
 * German troops entered Austria on 12 March 1938; …
 * ```
 * @throws AnnotationError on the first mistake
 */
export function parseGlossary(source: string, file: string): ParsedGlossEntry[] {
  const errors: AnnotationErrors = new AnnotationErrors(file);
  const entries: ParsedGlossEntry[] = [];
  const seen = new Map<string, number>();
  let open = null as { entry: ParsedGlossEntry; text: string[] } | null;

  const close = (): void => {
    if (!open) return;
    const { entry, text } = open;
    open = null;
    entry.text = text.join(' ');
    if (entry.text === '') errors.fail(entry.line, `@entry ${entry.id} has no text (one or two sentences after its "source:" lines)`);
    if (entry.sources.length === 0) errors.fail(entry.line, `@entry ${entry.id} has no "source:" line: every entry must say where its facts come from`);
    entries.push(entry);
  };

  source.split(/\r?\n/).forEach((rawLine, index) => {
    const line = index + 1;
    const trimmed = rawLine.trim();
    if (rawLine.startsWith('//')) return;
    if (trimmed === '') {
      close();
      return;
    }
    if (trimmed.startsWith('@')) {
      close();
      const match = /^@entry\s+(\S+)\s+(\S+)\s+(.+)$/.exec(trimmed);
      if (!match) errors.fail(line, `expected "@entry <id> <${KINDS.join('|')}> <term>", got "${trimmed}"`);
      const [, id, kind, term] = match;
      if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(id!)) errors.fail(line, `entry id "${id}" must be lower-case letters, digits and single hyphens`);
      if (!KINDS.includes(kind as GlossKind)) errors.fail(line, `unknown entry kind "${kind}" (expected one of: ${KINDS.join(', ')})`);
      const first = seen.get(id!);
      if (first !== undefined) errors.fail(line, `duplicate entry id "${id}" (first at line ${first})`);
      seen.set(id!, line);
      open = { entry: { id: id!, kind: kind as GlossKind, term: term!.trim(), text: '', sources: [], anchors: [], line }, text: [] };
      return;
    }
    const current = open;
    if (!current) return errors.fail(line, 'text with no open entry: start an entry with "@entry <id> <kind> <term>"');
    const field = /^(anchor|source):\s*(.*)$/.exec(trimmed);
    if (field && current.text.length === 0) {
      const value = field[2]!.trim();
      if (value === '') errors.fail(line, `empty "${field[1]}:" line`);
      if (field[1] === 'source') current.entry.sources.push(value);
      else {
        const [phrase = '', context] = value.split('|').map((part) => part.trim());
        if (phrase === '') errors.fail(line, 'an anchor needs the words to attach to, e.g. "anchor: Anschluss"');
        if (context !== undefined && !context.includes(phrase)) {
          errors.fail(line, `the anchor's context "${context}" must contain its words "${phrase}"`);
        }
        current.entry.anchors.push({ phrase, context: context ?? phrase, line });
      }
      return;
    }
    current.text.push(trimmed);
  });
  close();
  return entries;
}

/**
 * Attaches each entry to its sentences: for every anchor, the first sentence in `sentences`
 * (reading order) whose text contains the anchor's context; the phrase's range inside it becomes a
 * `GlossUse`. Fails when an anchor is not found, or overlaps another entry's anchor.
 * Mutates `sentences[].glosses`; returns the entries with their `uses`.
 */
export function attachGlossary(parsed: readonly ParsedGlossEntry[], sentences: Sentence[], file: string): GlossEntry[] {
  const errors: AnnotationErrors = new AnnotationErrors(file);
  const entries: GlossEntry[] = [];
  for (const { anchors, ...entry } of parsed) {
    const uses: string[] = [];
    for (const anchor of anchors) {
      const sentence = sentences.find((s) => s.text.includes(anchor.context));
      if (!sentence) errors.fail(anchor.line, `anchor not found: no sentence contains "${anchor.context}"`);
      const start = sentence.text.indexOf(anchor.context) + anchor.context.indexOf(anchor.phrase);
      const use: GlossUse = { entry: entry.id, start, end: start + anchor.phrase.length };
      let at = 0;
      for (const span of sentence.spans) {
        const end = at + span.text.length;
        if (use.start < end && use.end > end && end < sentence.text.length) {
          errors.fail(anchor.line, `anchor "${anchor.phrase}" crosses a change of speaker in sentence ${sentence.id}: attach it to words of one speaker`);
        }
        at = end;
      }
      const glosses = (sentence.glosses ??= []);
      const clash = glosses.find((g) => g.start < use.end && use.start < g.end);
      if (clash) errors.fail(anchor.line, `anchor "${anchor.phrase}" overlaps the anchor of entry "${clash.entry}" in sentence ${sentence.id}`);
      glosses.push(use);
      glosses.sort((a, b) => a.start - b.start);
      if (!uses.includes(sentence.id)) uses.push(sentence.id);
    }
    const order = new Map(sentences.map((s, i) => [s.id, i]));
    uses.sort((a, b) => order.get(a)! - order.get(b)!);
    entries.push({ ...entry, uses });
  }
  return entries;
}
