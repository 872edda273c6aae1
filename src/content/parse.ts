/**
 * Parser of the annotated source format (`*.edition.md`, see FORMAT.md): lines → blocks with their
 * directive, arguments, line number and displayed text, inline speaker spans resolved to character
 * ranges of that text. Validates everything and throws `AnnotationError` (`file:line: message`).
 * Pure: no fs, no DOM.
 */
import { AnnotationErrors } from './errors.ts';
import { SPEAKER_IDS, type BlockRole, type SpeakerId } from './model.ts';

/** Directives that open a block (`@name args`). */
export const DIRECTIVES = [
  'title',
  'dateline',
  'speaker',
  'editor-note',
  'prose',
  'turn',
  'notice',
  'source-note',
  'citation',
  'translator',
  'about-source',
  'deployer-note',
] as const;
export type Directive = (typeof DIRECTIVES)[number];

/** Where a block may stand: front matter, then the body (`##` sections), then the back matter. */
export type Part = 'front' | 'body' | 'back';

/** Part of each block kind; a block may never follow a block of a later part. */
export const PART_OF: Readonly<Record<Directive | 'heading', Part>> = {
  title: 'front',
  dateline: 'front',
  speaker: 'front',
  'editor-note': 'front',
  heading: 'body',
  prose: 'body',
  turn: 'body',
  notice: 'body',
  'source-note': 'back',
  citation: 'back',
  translator: 'back',
  'about-source': 'back',
  'deployer-note': 'back',
};

/**
 * Speaker implied by blocks that take no speaker argument: the source's apparatus is the
 * compiler's voice (`narrator`), the edition's own words are `editor`.
 */
export const IMPLIED_SPEAKER: Readonly<Record<Exclude<BlockRole, 'prose' | 'turn'> | 'deployer-note', SpeakerId>> = {
  title: 'narrator',
  dateline: 'narrator',
  'source-note': 'narrator',
  citation: 'narrator',
  translator: 'narrator',
  'editor-note': 'editor',
  heading: 'editor',
  notice: 'editor',
  'about-source': 'editor',
  'deployer-note': 'editor',
};

/** An inline `{speaker|text}` span, as a range of the block's displayed text. */
export interface InlineSpan {
  start: number;
  end: number;
  speaker: SpeakerId;
  /** `{speaker?|text}`: the attribution is uncertain. */
  uncertain: boolean;
  /** Line of the opening `{`. */
  line: number;
}

/** A content block (everything except `@speaker`), in file order. */
export interface ParsedBlock {
  role: BlockRole;
  /** Raw directive arguments (`''` for none; the heading text for `##`). */
  args: string;
  /** Declared speaker (`@prose`/`@turn`) or the implied one. */
  speaker: SpeakerId;
  /** The `? note` of an uncertain `@prose`/`@turn`. */
  uncertain?: string;
  /** 1-based line of the directive (or of the `##` line). */
  line: number;
  /** The block's lines trimmed and joined with one space, markup included. */
  raw: string;
  /** Displayed text: `raw` with span markup removed. */
  text: string;
  /** Inline speaker spans, ranges into `text`, in order, non-overlapping. */
  spans: InlineSpan[];
}

/** A `@speaker` cast-list entry. */
export interface ParsedSpeaker {
  id: SpeakerId;
  name: string;
  description: string;
  line: number;
}

export interface ParsedDocument {
  file: string;
  /** Cast in `@speaker` order. */
  speakers: ParsedSpeaker[];
  /** Content blocks (headings included) in file order. */
  blocks: ParsedBlock[];
  /** `@deployer-note` paragraphs: for whoever publishes the edition; shown apart, never narrated. */
  deployerNotes: { text: string; line: number }[];
}

const SPEAKER_SET: ReadonlySet<string> = new Set(SPEAKER_IDS);
const DIRECTIVE_SET: ReadonlySet<string> = new Set(DIRECTIVES);

function isSpeakerId(id: string): id is SpeakerId {
  return SPEAKER_SET.has(id);
}

/** A block being collected: its directive line plus text lines. */
interface OpenBlock {
  directive: Directive;
  args: string;
  line: number;
  lines: { text: string; line: number }[];
}

/**
 * Parses an annotated source into blocks and cast entries.
 * @param source the file's text
 * @param file the repo-relative file name used in error messages
 * @throws AnnotationError on the first mistake, located `file:line`
 */
export function parseAnnotated(source: string, file: string): ParsedDocument {
  const errors: AnnotationErrors = new AnnotationErrors(file);
  const speakers: ParsedSpeaker[] = [];
  const blocks: ParsedBlock[] = [];
  const deployerNotes: { text: string; line: number }[] = [];
  /** First line where each speaker is used, for the "not declared" check. */
  const used = new Map<SpeakerId, number>();
  const firstAt = new Map<string, number>();
  let part: Part = 'front';
  let firstBackLine = 0;
  let firstBackDirective = '';
  let open: OpenBlock | undefined;

  const use = (id: SpeakerId, line: number): void => {
    if (!used.has(id)) used.set(id, line);
  };

  const enterPart = (kind: Directive | 'heading', line: number): void => {
    const label = kind === 'heading' ? '## heading' : `@${kind}`;
    const target = PART_OF[kind];
    if (target === 'front' && part !== 'front') {
      errors.fail(line, `${label} after the first ## heading: front matter (title, dateline, speakers, editor's note) comes first`);
    }
    if (target === 'body' && part === 'back') {
      errors.fail(line, `${label} after the back matter (@${firstBackDirective} at line ${firstBackLine}): body blocks must come before the apparatus`);
    }
    if (target === 'body' && part === 'front' && kind !== 'heading') {
      errors.fail(line, `${label} before the first ## heading: body blocks belong to a section`);
    }
    if (target === 'back' && part === 'front') {
      errors.fail(line, `${label} before the body: back matter must follow the last ## section`);
    }
    if (target === 'back' && part !== 'back') {
      firstBackLine = line;
      firstBackDirective = kind;
    }
    part = target;
  };

  const close = (): void => {
    if (!open) return;
    const block = open;
    open = undefined;
    finishBlock(block);
  };

  const finishBlock = (block: OpenBlock): void => {
    const { directive, args, line } = block;
    if (block.lines.length === 0) errors.fail(line, `@${directive} block has no text`);
    const raw = block.lines.map((l) => l.text).join(' ');
    if (directive === 'speaker') {
      const [id, ...nameWords] = args.split(/\s+/);
      const speaker = id as SpeakerId;
      rejectSpans(block.lines, errors);
      speakers.push({ id: speaker, name: nameWords.join(' '), description: raw, line });
      return;
    }
    if (directive === 'deployer-note') {
      rejectSpans(block.lines, errors);
      deployerNotes.push({ text: raw, line });
      return;
    }
    let speaker: SpeakerId;
    let uncertain: string | undefined;
    let text = raw;
    let spans: InlineSpan[] = [];
    if (directive === 'prose' || directive === 'turn') {
      ({ speaker, uncertain } = parseSpeakerArgs(directive, args, line, errors));
      ({ text, spans } = resolveSpans(block.lines, errors));
      use(speaker, line);
      for (const span of spans) use(span.speaker, span.line);
    } else {
      speaker = IMPLIED_SPEAKER[directive];
      rejectSpans(block.lines, errors);
      use(speaker, line);
    }
    const parsed: ParsedBlock = { role: directive, args, speaker, line, raw, text, spans };
    if (uncertain !== undefined) parsed.uncertain = uncertain;
    blocks.push(parsed);
  };

  const lines = source.split(/\r?\n/);
  lines.forEach((rawLine, index) => {
    const line = index + 1;
    const trimmed = rawLine.trim();
    if (rawLine.startsWith('//')) return;
    if (trimmed === '') {
      close();
      return;
    }
    if (trimmed.startsWith('#')) {
      close();
      const heading = /^##(?:\s+(.*))?$/.exec(trimmed);
      if (!heading || trimmed.startsWith('###')) errors.fail(line, 'only "## " headings are allowed (a line starting with "#")');
      const text = (heading[1] ?? '').trim();
      if (text === '') errors.fail(line, '## heading with no text');
      enterPart('heading', line);
      rejectSpans([{ text, line }], errors);
      use('editor', line);
      blocks.push({ role: 'heading', args: text, speaker: 'editor', line, raw: text, text, spans: [] });
      return;
    }
    if (trimmed.startsWith('@')) {
      close();
      const match = /^@(\S*)\s*(.*)$/.exec(trimmed)!;
      const name = match[1]!;
      const args = match[2]!.trim();
      if (!DIRECTIVE_SET.has(name)) errors.fail(line, `unknown directive "@${name}"`);
      const directive = name as Directive;
      checkDirectiveArgs(directive, args, line, errors);
      enterPart(directive, line);
      if (directive === 'title' || directive === 'dateline') {
        const first = firstAt.get(directive);
        if (first !== undefined) errors.fail(line, `duplicate @${directive} (first at line ${first})`);
        firstAt.set(directive, line);
      }
      if (directive === 'speaker') {
        const key = `speaker ${args.split(/\s+/)[0]}`;
        const first = firstAt.get(key);
        if (first !== undefined) errors.fail(line, `duplicate @${key} (first at line ${first})`);
        firstAt.set(key, line);
      }
      open = { directive, args, line, lines: [] };
      return;
    }
    if (!open) {
      errors.fail(line, 'text with no open block: start the block with a directive line such as "@prose narrator"');
    }
    open.lines.push({ text: trimmed, line });
  });
  close();

  if (!firstAt.has('title')) errors.fail(1, 'missing @title');
  if (!firstAt.has('dateline')) errors.fail(1, 'missing @dateline');
  const headings = blocks.filter((b) => b.role === 'heading');
  if (headings.length === 0) errors.fail(lines.length, 'no body: add at least one ## section with @prose or @turn blocks');
  blocks.forEach((block, i) => {
    const next = blocks[i + 1];
    if (block.role === 'heading' && (!next || PART_OF[next.role as Directive | 'heading'] !== 'body' || next.role === 'heading')) {
      errors.add(block.line, `section "${block.text}" has no blocks`);
    }
  });
  const declared = new Set(speakers.map((s) => s.id));
  for (const [id, line] of used) {
    if (!declared.has(id)) errors.add(line, `speaker "${id}" is used but not declared with @speaker`);
  }
  errors.throwIfAny();
  return { file, speakers, blocks, deployerNotes };
}

/** Braces are markup only in `@prose` / `@turn`; elsewhere they are a mistake. */
function rejectSpans(lines: readonly { text: string; line: number }[], errors: AnnotationErrors): void {
  const at = lines.find((l) => /[{}]/.test(l.text));
  if (at) errors.fail(at.line, 'speaker spans are only allowed in @prose and @turn blocks');
}

function speakerList(): string {
  return SPEAKER_IDS.join(', ');
}

/** Checks arguments of directives that take none, and the shape of `@speaker`. */
function checkDirectiveArgs(directive: Directive, args: string, line: number, errors: AnnotationErrors): void {
  if (directive === 'speaker') {
    const [id = '', ...name] = args.split(/\s+/).filter(Boolean);
    if (id === '' || name.length === 0) {
      errors.fail(line, '@speaker needs an id and a display name, e.g. "@speaker molotov Molotov"');
    }
    if (!isSpeakerId(id)) errors.fail(line, `unknown speaker id "${id}" (expected one of: ${speakerList()})`);
    return;
  }
  if (directive === 'prose' || directive === 'turn') {
    if (args === '') errors.fail(line, `@${directive} needs a speaker id, e.g. "@${directive} narrator"`);
    return;
  }
  if (directive === 'notice') {
    if (!/^[1-9]\d*$/.test(args)) {
      errors.fail(line, `@notice needs the number of following paragraphs it warns about, e.g. "@notice 2" (got "${args}")`);
    }
    return;
  }
  if (args !== '') errors.fail(line, `@${directive} takes no arguments (got "${args}")`);
}

/** `<speaker> [? note]` of `@prose` / `@turn`. */
function parseSpeakerArgs(
  directive: string,
  args: string,
  line: number,
  errors: AnnotationErrors,
): { speaker: SpeakerId; uncertain?: string } {
  const match = /^([^\s?]+)\s*(.*)$/.exec(args);
  if (!match) return errors.fail(line, `@${directive} needs a speaker id, e.g. "@${directive} narrator"`);
  const id = match[1]!;
  const rest = match[2]!.trim();
  if (!isSpeakerId(id)) errors.fail(line, `unknown speaker id "${id}" (expected one of: ${speakerList()})`);
  if (rest === '') return { speaker: id };
  if (!rest.startsWith('?')) errors.fail(line, `unexpected text after the speaker id: "${rest}" (an uncertain speaker is written "${id} ? note")`);
  const note = rest.slice(1).trim();
  if (note === '') errors.fail(line, '"?" must be followed by a note saying why the speaker is uncertain');
  return { speaker: id, uncertain: note };
}

/**
 * Removes `{speaker|…}` markup from a block's lines (joined with one space) and returns the
 * displayed text with the spans as ranges of it.
 */
function resolveSpans(
  lines: readonly { text: string; line: number }[],
  errors: AnnotationErrors,
): { text: string; spans: InlineSpan[] } {
  let text = '';
  const spans: InlineSpan[] = [];
  let current: InlineSpan | undefined;
  lines.forEach(({ text: lineText, line }, lineIndex) => {
    if (lineIndex > 0) text += ' ';
    let i = 0;
    while (i < lineText.length) {
      const ch = lineText[i]!;
      if (ch === '{') {
        if (current) errors.fail(line, `nested speaker span: a span opened at line ${current.line} is still open`);
        const bar = lineText.indexOf('|', i);
        const stop = [lineText.indexOf('}', i), lineText.indexOf('{', i + 1)].filter((n) => n >= 0);
        if (bar < 0 || stop.some((n) => n < bar)) errors.fail(line, 'speaker span is missing "|" after the speaker id (write {speaker|text})');
        let id = lineText.slice(i + 1, bar).trim();
        const uncertain = id.endsWith('?');
        if (uncertain) id = id.slice(0, -1).trim();
        if (!isSpeakerId(id)) errors.fail(line, `unknown speaker id "${id}" in speaker span (expected one of: ${speakerList()})`);
        current = { start: text.length, end: text.length, speaker: id, uncertain, line };
        i = bar + 1;
        continue;
      }
      if (ch === '}') {
        if (!current) errors.fail(line, 'stray "}" with no open speaker span');
        current.end = text.length;
        if (text.slice(current.start, current.end).trim() === '') errors.fail(current.line, 'empty speaker span');
        spans.push(current);
        current = undefined;
        i += 1;
        continue;
      }
      text += ch;
      i += 1;
    }
  });
  if (current) errors.fail(current.line, 'unclosed "{": a speaker span must end with "}"');
  return { text, spans };
}
