// Parser of the annotated format: structure, inline spans, and one test per annotation error.
import { describe, expect, it } from 'vitest';
import { AnnotationError } from '../../../src/content/errors.ts';
import { parseAnnotated } from '../../../src/content/parse.ts';
import { FIXTURE, withLine } from './fixture.ts';

const FILE = 'src/content/source/test.edition.md';

/** The error thrown when parsing `source`. */
function errorOf(source: string): AnnotationError {
  try {
    parseAnnotated(source, FILE);
  } catch (error) {
    expect(error).toBeInstanceOf(AnnotationError);
    return error as AnnotationError;
  }
  throw new Error('expected an AnnotationError');
}

describe('parseAnnotated: structure', () => {
  const doc = parseAnnotated(FIXTURE, FILE);

  it('reads the cast in order', () => {
    expect(doc.speakers).toEqual([
      { id: 'narrator', name: 'Compiler', description: 'The compiler.', line: 8 },
      { id: 'kollontai', name: 'Kollontai', description: 'The diarist.', line: 11 },
      { id: 'stalin', name: 'Stalin', description: 'The leader.', line: 14 },
      { id: 'editor', name: 'Editor', description: 'This edition.', line: 17 },
    ]);
  });

  it('reads blocks in file order with roles, speakers and lines', () => {
    expect(doc.blocks.map((b) => [b.role, b.speaker, b.line])).toEqual([
      ['title', 'narrator', 2],
      ['dateline', 'narrator', 5],
      ['editor-note', 'editor', 20],
      ['heading', 'editor', 23],
      ['prose', 'narrator', 25],
      ['turn', 'kollontai', 29],
      ['heading', 'editor', 32],
      ['prose', 'kollontai', 34],
      ['turn', 'stalin', 37],
      ['source-note', 'narrator', 40],
      ['citation', 'narrator', 43],
      ['translator', 'narrator', 47],
      ['about-source', 'editor', 50],
    ]);
  });

  it('joins text lines with one space and trims them', () => {
    const source = withLine(26, '   In March 1938,  something  \n\t happened.   ');
    const prose = parseAnnotated(source, FILE).blocks.find((b) => b.role === 'prose')!;
    expect(prose.text).toBe('In March 1938,  something happened. Even the League did not react.');
    expect(doc.blocks.find((b) => b.role === 'citation')!.text).toBe('Dialog, 1998, No. 8, pp. 92-94');
  });

  it('keeps heading text and directive args', () => {
    const heading = doc.blocks[3]!;
    expect(heading.text).toBe('First part');
    expect(doc.blocks[8]!.args).toBe('stalin ? The text does not say who speaks.');
    expect(doc.blocks[8]!.uncertain).toBe('The text does not say who speaks.');
    expect(doc.blocks[7]!.uncertain).toBeUndefined();
  });

  it('resolves inline spans to ranges of the displayed text', () => {
    const block = doc.blocks[7]!;
    expect(block.raw).toBe('And, in a softer voice, he said: {stalin|‘We shall overcome. We shall certainly overcome!}');
    expect(block.text).toBe('And, in a softer voice, he said: ‘We shall overcome. We shall certainly overcome!');
    expect(block.spans).toEqual([{ start: 33, end: block.text.length, speaker: 'stalin', uncertain: false, line: 35 }]);
    expect(block.text.slice(33)).toBe('‘We shall overcome. We shall certainly overcome!');
  });

  it('reads uncertain spans and spans across lines', () => {
    const source = withLine(35, 'He said: {stalin?|‘We shall\novercome.} And {stalin|left}.');
    const block = parseAnnotated(source, FILE).blocks[7]!;
    expect(block.text).toBe('He said: ‘We shall overcome. And left.');
    expect(block.spans).toEqual([
      { start: 9, end: 28, speaker: 'stalin', uncertain: true, line: 35 },
      { start: 33, end: 37, speaker: 'stalin', uncertain: false, line: 36 },
    ]);
  });

  it('ignores comments without closing the block', () => {
    const source = withLine(27, '// a comment inside a block\nEven the League did not react.');
    expect(parseAnnotated(source, FILE).blocks[4]!.text).toBe('In March 1938, something happened. Even the League did not react.');
  });
});

describe('parseAnnotated: annotation errors', () => {
  const cases: [string, string, string][] = [
    ['unknown directive', withLine(25, '@poem narrator'), `${FILE}:25: unknown directive "@poem"`],
    [
      'unknown speaker id',
      withLine(25, '@prose lenin'),
      `${FILE}:25: unknown speaker id "lenin" (expected one of: narrator, kollontai, molotov, stalin, secretary, editor)`,
    ],
    [
      'unknown speaker id in @speaker',
      withLine(8, '@speaker lenin Lenin'),
      `${FILE}:8: unknown speaker id "lenin" (expected one of: narrator, kollontai, molotov, stalin, secretary, editor)`,
    ],
    [
      'text line with no open block',
      withLine(28, '\nA stray line.'),
      `${FILE}:29: text with no open block: start the block with a directive line such as "@prose narrator"`,
    ],
    [
      'text right after a heading',
      withLine(24, 'Text under the heading.'),
      `${FILE}:24: text with no open block: start the block with a directive line such as "@prose narrator"`,
    ],
    ['missing @title', withLine(2, '@editor-note'), `${FILE}:1: missing @title`],
    ['missing @dateline', withLine(5, '@editor-note'), `${FILE}:1: missing @dateline`],
    ['duplicate @title', withLine(20, '@title'), `${FILE}:20: duplicate @title (first at line 2)`],
    ['duplicate @dateline', withLine(20, '@dateline'), `${FILE}:20: duplicate @dateline (first at line 5)`],
    ['duplicate @speaker', withLine(14, '@speaker kollontai Again'), `${FILE}:14: duplicate @speaker kollontai (first at line 11)`],
    [
      'body block before the first heading',
      withLine(20, '@prose narrator'),
      `${FILE}:20: @prose before the first ## heading: body blocks belong to a section`,
    ],
    [
      '@notice before the first heading',
      withLine(20, '@notice 1'),
      `${FILE}:20: @notice before the first ## heading: body blocks belong to a section`,
    ],
    [
      'front matter after the body started',
      withLine(28, '\n@editor-note\nLate note.'),
      `${FILE}:29: @editor-note after the first ## heading: front matter (title, dateline, speakers, editor's note) comes first`,
    ],
    [
      'body block after the back matter',
      withLine(49, '\n@prose narrator\nLate prose.'),
      `${FILE}:50: @prose after the back matter (@source-note at line 40): body blocks must come before the apparatus`,
    ],
    [
      'heading after the back matter',
      withLine(49, '\n## Late part'),
      `${FILE}:50: ## heading after the back matter (@source-note at line 40): body blocks must come before the apparatus`,
    ],
    [
      'back matter before the body',
      withLine(20, '@source-note'),
      `${FILE}:20: @source-note before the body: back matter must follow the last ## section`,
    ],
    ['unclosed {', withLine(35, 'He said: {stalin|‘We shall overcome.'), `${FILE}:35: unclosed "{": a speaker span must end with "}"`],
    ['stray }', withLine(35, 'He said: ‘We shall overcome.}'), `${FILE}:35: stray "}" with no open speaker span`],
    [
      'nested spans',
      withLine(35, 'He said: {stalin|‘We {kollontai|shall} overcome.}'),
      `${FILE}:35: nested speaker span: a span opened at line 35 is still open`,
    ],
    [
      'span with missing |',
      withLine(35, 'He said: {stalin ‘We shall overcome.}'),
      `${FILE}:35: speaker span is missing "|" after the speaker id (write {speaker|text})`,
    ],
    [
      'span with unknown speaker',
      withLine(35, 'He said: {lenin|‘We shall overcome.}'),
      `${FILE}:35: unknown speaker id "lenin" in speaker span (expected one of: narrator, kollontai, molotov, stalin, secretary, editor)`,
    ],
    ['empty span', withLine(35, 'He said: {stalin|  } and left.'), `${FILE}:35: empty speaker span`],
    [
      '? without a note',
      withLine(37, '@turn stalin ?'),
      `${FILE}:37: "?" must be followed by a note saying why the speaker is uncertain`,
    ],
    [
      'text after the speaker id that is not a note',
      withLine(37, '@turn stalin loudly'),
      `${FILE}:37: unexpected text after the speaker id: "loudly" (an uncertain speaker is written "stalin ? note")`,
    ],
    [
      'speaker used but not declared',
      withLine(29, '@turn molotov'),
      `${FILE}:29: speaker "molotov" is used but not declared with @speaker`,
    ],
    [
      'span speaker used but not declared',
      withLine(35, 'He said: {secretary|‘Please wait.}'),
      `${FILE}:35: speaker "secretary" is used but not declared with @speaker`,
    ],
    ['@prose without a speaker', withLine(25, '@prose'), `${FILE}:25: @prose needs a speaker id, e.g. "@prose narrator"`],
    ['@turn without a speaker', withLine(29, '@turn'), `${FILE}:29: @turn needs a speaker id, e.g. "@turn narrator"`],
    [
      '@speaker without a name',
      withLine(8, '@speaker narrator'),
      `${FILE}:8: @speaker needs an id and a display name, e.g. "@speaker molotov Molotov"`,
    ],
    ['arguments where none are taken', withLine(2, '@title Big'), `${FILE}:2: @title takes no arguments (got "Big")`],
    ['block with no text', withLine(26, '\n'), `${FILE}:25: @prose block has no text`],
    ['heading with no text', withLine(23, '##'), `${FILE}:23: ## heading with no text`],
    ['### heading', withLine(23, '### First part'), `${FILE}:23: only "## " headings are allowed (a line starting with "#")`],
    ['section with no blocks', withLine(31, '\n## Empty part\n'), `${FILE}:32: section "Empty part" has no blocks`],
    [
      'spans outside @prose/@turn',
      withLine(21, 'An {editor|editor’s} note.'),
      `${FILE}:21: speaker spans are only allowed in @prose and @turn blocks`,
    ],
  ];

  it.each(cases)('%s', (_name, source, expected) => {
    const error = errorOf(source);
    expect(error.message).toBe(expected);
    expect(`${error.file}:${error.line}: ${error.detail}`).toBe(expected);
  });

  it('reports an undeclared implied speaker (editor) at its first use', () => {
    const source = FIXTURE.replace('@speaker editor Editor\nThis edition.\n\n', '');
    expect(errorOf(source).message).toBe(`${FILE}:17: speaker "editor" is used but not declared with @speaker`);
  });

  it('reports a document without body', () => {
    const source = FIXTURE.split('\n').slice(0, 22).join('\n');
    expect(errorOf(source).message).toBe(`${FILE}:22: no body: add at least one ## section with @prose or @turn blocks`);
  });
});
