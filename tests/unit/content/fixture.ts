// A small, valid annotated source shared by the content unit tests (not a test file itself).

/** A minimal valid edition: front matter, two sections, back matter. Line numbers are asserted in tests. */
export const FIXTURE = [
  '// A test fixture.', // 1
  '@title', // 2
  'A Conversation', // 3
  '', // 4
  '@dateline', // 5
  '(November, 1939)', // 6
  '', // 7
  '@speaker narrator Compiler', // 8
  'The compiler.', // 9
  '', // 10
  '@speaker kollontai Kollontai', // 11
  'The diarist.', // 12
  '', // 13
  '@speaker stalin Stalin', // 14
  'The leader.', // 15
  '', // 16
  '@speaker editor Editor', // 17
  'This edition.', // 18
  '', // 19
  '@editor-note', // 20
  'An editor’s note. It has two sentences.', // 21
  '', // 22
  '## First part', // 23
  '', // 24
  '@prose narrator', // 25
  'In March 1938, something happened.', // 26
  'Even the League did not react.', // 27
  '', // 28
  '@turn kollontai', // 29
  '– I have come. I waited for hours.', // 30
  '', // 31
  '## Second part', // 32
  '', // 33
  '@prose kollontai', // 34
  'And, in a softer voice, he said: {stalin|‘We shall overcome. We shall certainly overcome!}', // 35
  '', // 36
  '@turn stalin ? The text does not say who speaks.', // 37
  '– Going by the case of Poland.', // 38
  '', // 39
  '@source-note', // 40
  'Note. Extracts from the diaries of A.M. Kollontai.', // 41
  '', // 42
  '@citation', // 43
  'Dialog, 1998, No. 8,', // 44
  'pp. 92-94', // 45
  '', // 46
  '@translator', // 47
  'Translated by Someone', // 48
  '', // 49
  '@about-source', // 50
  'Our note on the source.', // 51
  '',
].join('\n');

/** `FIXTURE` with line `line` (1-based) replaced by `replacement` (which may hold several lines). */
export function withLine(line: number, replacement: string, source = FIXTURE): string {
  const lines = source.split('\n');
  lines.splice(line - 1, 1, replacement);
  return lines.join('\n');
}
