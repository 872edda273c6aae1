/**
 * Loads a lazy chunk (a dynamic `import()`) so that a page left open across a deployment explains
 * itself: the old hashed `assets/*.js` are gone from the server, so the import fails. It is tried
 * again once after a short delay (a network blip heals); a second failure logs the details to the
 * console, dispatches a `ChunkFailedEvent` (on `window` by default: the root element listens and
 * shows its reload notice) and rejects with a `ChunkLoadError` whose message is written for people.
 * No Lit, no DOM: the event target, the delay and the log are injectable (node tests pass fakes).
 */

/** What a visitor reads when a part of the page could not be loaded (the details go to the console). */
export const CHUNK_FAILED_MESSAGE =
  'This edition has been updated since you opened it. Reload the page to continue; your place and settings are kept.';

/** Name of the event dispatched when a chunk failed twice. */
export const CHUNK_FAILED_EVENT = 'narrated-edition:chunk-failed';

/** A chunk failed to load twice. `message` is for people; `chunk` and `cause` are for the console. */
export class ChunkLoadError extends Error {
  override readonly name = 'ChunkLoadError';

  constructor(
    /** Which part of the page (e.g. "reading settings"). */
    readonly chunk: string,
    /** The last error of the import itself. */
    override readonly cause: unknown,
  ) {
    super(CHUNK_FAILED_MESSAGE);
  }
}

/** Dispatched (once per failed load) after the retry failed too; the page should offer a reload. */
export class ChunkFailedEvent extends Event {
  constructor(readonly error: ChunkLoadError) {
    super(CHUNK_FAILED_EVENT);
  }
}

/** Options of {@link loadChunk}. */
export interface LoadChunkOptions {
  /** Pause before the one retry, in ms (default 700). */
  retryDelayMs?: number;
  /** Where the `ChunkFailedEvent` goes (default `globalThis` where it is an event target, i.e. `window`). */
  target?: EventTarget | null;
  /** Waits `ms` (default `setTimeout`). */
  wait?: (ms: number) => Promise<void>;
  /** Where the details go (default `console.error`). */
  log?: (...data: unknown[]) => void;
}

const DEFAULT_RETRY_DELAY_MS = 700;

function defaultTarget(): EventTarget | null {
  const scope = globalThis as unknown as Partial<EventTarget>;
  return typeof scope.dispatchEvent === 'function' ? (globalThis as unknown as EventTarget) : null;
}

const defaultWait = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs `load` (a dynamic import); on failure waits and runs it once more. A second failure is
 * reported (console, `ChunkFailedEvent`) and rejects with a {@link ChunkLoadError}.
 * @param chunk A name for the console ("reading settings", "recorded narration").
 */
export async function loadChunk<T>(chunk: string, load: () => Promise<T>, options: LoadChunkOptions = {}): Promise<T> {
  try {
    return await load();
  } catch (first) {
    await (options.wait ?? defaultWait)(options.retryDelayMs ?? DEFAULT_RETRY_DELAY_MS);
    try {
      return await load();
    } catch (second) {
      const error = new ChunkLoadError(chunk, second);
      (options.log ?? console.error)(
        `[chunks] the ${chunk} code could not be loaded, twice (the edition was probably updated since this page was opened):`,
        first,
        second,
      );
      const target = options.target === undefined ? defaultTarget() : options.target;
      target?.dispatchEvent(new ChunkFailedEvent(error));
      throw error;
    }
  }
}

declare global {
  interface WindowEventMap {
    'narrated-edition:chunk-failed': ChunkFailedEvent;
  }
}
