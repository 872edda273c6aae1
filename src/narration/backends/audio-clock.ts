/**
 * The recording's clock: the media element's position as Howler reports it, held at the target
 * of the last seek until a reading lands near it. In HTML5 mode `seek()` can report the old
 * position for a while after a seek (howler.js PR #1572): until the element reports the target,
 * the clock *is* the target, so a stale reading can neither end nor skip a sentence. It also
 * says how long a seek has been waiting to land, and how long ago the last seek was, so the
 * player can tell a seek that never lands and an `end` that is not stale.
 */

/** After a seek, readings outside [target − this, target + AHEAD] are stale. */
export const ANCHOR_BEHIND_MS = 150;
export const ANCHOR_AHEAD_MS = 2500;

/** Follows one media element's position (ms). */
export class AudioClock {
  #anchor: number | null = null;
  #lastSeekAt = -Infinity;
  #lastRawMs = 0;

  /**
   * @param readSeconds The element's position in seconds (Howler's `seek()`); anything that is
   *   not a finite number (or a throw) keeps the last good reading.
   * @param now Monotonic milliseconds.
   */
  constructor(
    private readonly readSeconds: () => unknown,
    private readonly now: () => number,
  ) {}

  /** The element's position (ms) as reported, without the seek anchor. */
  raw(): number {
    let seconds: unknown;
    try {
      seconds = this.readSeconds();
    } catch {
      seconds = undefined;
    }
    if (typeof seconds === 'number' && Number.isFinite(seconds)) this.#lastRawMs = seconds * 1000;
    return this.#lastRawMs;
  }

  /** The clock (ms): the target of the last seek until a reading lands near it, then the element's. */
  read(): number {
    const ms = this.raw();
    const anchor = this.#anchor;
    if (anchor === null) return ms;
    if (ms >= anchor - ANCHOR_BEHIND_MS && ms <= anchor + ANCHOR_AHEAD_MS) {
      this.#anchor = null;
      return ms;
    }
    return anchor;
  }

  /** Call on every seek to `ms`: the clock holds there until the element reports it. */
  seekedTo(ms: number): void {
    this.#anchor = Math.max(0, ms);
    this.#lastSeekAt = this.now();
  }

  /** Whether the last seek's target has been reported by the element (true when there was none). */
  get landed(): boolean {
    return this.#anchor === null;
  }

  /** Milliseconds since the last seek (Infinity before the first). */
  sinceSeek(): number {
    return this.now() - this.#lastSeekAt;
  }
}
