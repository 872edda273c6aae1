/**
 * Loads an annotated source from disk and builds the edition. The only module of `content/`
 * that touches the file system (node only: build, tests, audio scripts).
 */
import { readFileSync } from 'node:fs';
import { relative, resolve, sep } from 'node:path';
import { buildEdition } from './build-edition.ts';
import type { Edition } from './model.ts';

/**
 * Reads `path` (UTF-8) and builds its edition.
 * @param path path of the `*.edition.md` file (absolute or relative to the working directory)
 * @param file name used in `file:line: message` errors; defaults to `path` relative to the working directory
 * @throws AnnotationError on a malformed annotation
 */
export function loadEdition(path: string, file: string = relative(process.cwd(), resolve(path)).split(sep).join('/')): Edition {
  return buildEdition(readFileSync(path, 'utf8'), file);
}
