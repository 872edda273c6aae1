/**
 * Loads an annotated source from disk and builds the edition. The only module of `content/`
 * that touches the file system (node only: build, tests, audio scripts).
 */
import { existsSync, readFileSync } from 'node:fs';
import { relative, resolve, sep } from 'node:path';
import { buildEdition } from './build-edition.ts';
import type { Edition } from './model.ts';

/**
 * Reads `path` (UTF-8) and builds its edition, with its glossary (`*.glossary.md` beside it) when there is one.
 * @param path path of the `*.edition.md` file (absolute or relative to the working directory)
 * @param file name used in `file:line: message` errors; defaults to `path` relative to the working directory
 * @throws AnnotationError on a malformed annotation
 */
export function loadEdition(path: string, file: string = relative(process.cwd(), resolve(path)).split(sep).join('/')): Edition {
  const glossaryPath = glossaryPathOf(path);
  const glossary = existsSync(glossaryPath)
    ? { source: readFileSync(glossaryPath, 'utf8'), file: glossaryPathOf(file) }
    : undefined;
  return buildEdition(readFileSync(path, 'utf8'), file, glossary);
}

/** The glossary file that goes with an annotated source: `x.edition.md` → `x.glossary.md`. */
export function glossaryPathOf(path: string): string {
  return path.replace(/\.edition\.md$/, '.glossary.md');
}
