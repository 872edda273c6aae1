/**
 * Errors of the annotated source: every mistake in a `*.edition.md` file is reported as
 * `file:line: message` so the build output points straight at the line to fix.
 */

/** A mistake in the annotated source, located by file and 1-based line. */
export class AnnotationError extends Error {
  /** Repo-relative path of the annotated file (as given to the parser). */
  readonly file: string;
  /** 1-based line number in `file`. */
  readonly line: number;
  /** The message without the `file:line: ` prefix. */
  readonly detail: string;

  constructor(file: string, line: number, message: string) {
    super(`${file}:${line}: ${message}`);
    this.name = 'AnnotationError';
    this.file = file;
    this.line = line;
    this.detail = message;
  }
}

/**
 * Collects annotation errors for one file. The pipeline fails fast (`fail` throws at once);
 * `add` + `throwIfAny` exist for checks that want to report every problem of a pass together.
 */
export class AnnotationErrors {
  readonly errors: AnnotationError[] = [];

  constructor(readonly file: string) {}

  /** Throws an `AnnotationError` for `line` immediately. */
  fail(line: number, message: string): never {
    throw new AnnotationError(this.file, line, message);
  }

  /** Records an error without throwing. */
  add(line: number, message: string): void {
    this.errors.push(new AnnotationError(this.file, line, message));
  }

  /** Throws the first recorded error (lowest line), if any. */
  throwIfAny(): void {
    if (this.errors.length === 0) return;
    throw [...this.errors].sort((a, b) => a.line - b.line)[0]!;
  }
}
