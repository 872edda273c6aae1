/**
 * Follows one sentence of the recording on the audio clock: `onStart` when the clock reaches its
 * start, `onWord` while the clock is inside one of the manifest's words (`onWordEnd` between and
 * after them), done when the clock reaches its end. It ticks on
 * animation frames (a timer while the tab is hidden, where frames stop, and a guard timer for a
 * frame that never comes), nudges a play that Howler dropped, and detects faults instead of
 * looping: a clock that stalls, a seek that never lands, a clock that jumps backwards on its own,
 * an `end` of the file in the middle of the text, and a play the browser refuses for good.
 */
import type { ManifestEntry, ManifestWord } from '../audio-manifest.ts';
import { wordIndexAt } from '../audio-timeline.ts';
import type { TimerLike } from './speech-synthesis-backend.ts';
import { NarrationError, type SentenceCallbacks } from '../types.ts';
import type { AudioClock } from './audio-clock.ts';
import { RECORDING_MESSAGES, TRUNCATION_TOLERANCE_MS } from './recording-manifest.ts';

/** `onStart` fires this much before the sentence's first sound (one frame of latency). */
export const START_SLACK_MS = 20;
/**
 * The word highlight looks this far ahead of the clock (half a frame at 60 Hz), so a word shows on
 * the frame nearest its start rather than the first frame after it.
 */
export const WORD_LEAD_MS = 8;
/** A frame loop that has not ticked for this long (tab hidden meanwhile) is replaced by a tick. */
const GUARD_MS = 250;
/**
 * Not playing when we expect to for this long → `play()` again. In HTML5 mode Howler queues a
 * `pause()`/`seek()` made while a `play()` is pending and drops the `play()` that follows, so a
 * quick jump (next, next) can leave the sound paused.
 */
const NUDGE_MS = 300;
/** The clock going back more than this, with no seek of ours, is the file starting over. */
export const BACKWARDS_MS = 1000;
/** An `end` this soon after a seek may have been queued before it (stale): the clock decides. */
const STALE_END_MS = 1000;

/** Animation frames (injectable; default `requestAnimationFrame`). */
export interface FrameSchedulerLike {
  request(callback: () => void): unknown;
  cancel(handle: unknown): void;
}

/** What the follower needs of the player. */
export interface PlaybackControl {
  readonly clock: AudioClock;
  /** Plays our one sound (again). */
  play(): void;
  /** Pauses the sound. */
  pause(): void;
  /** Whether the sound is playing now. */
  playing(): boolean;
  /** Whether the engine paused the player (no nudges, no stall then). */
  readonly paused: boolean;
  /** The file's length (ms) as the element reports it (NaN or 0 when unknown). */
  durationMs(): number;
  /** The length of the text in the recording (the manifest's timeline, ms). */
  readonly timelineMs: number;
  /** Re-applies a rate Howler queued and never ran (called every tick). */
  reconcileRate(now: number): void;
  /** Calls `listener` once on Howler's `unlock` (the next touch or click); returns an unsubscribe. */
  onceUnlocked(listener: () => void): () => void;
}

/** Timing of the follower (injectable for tests). */
export interface FollowerTiming {
  frames: FrameSchedulerLike;
  timers: TimerLike;
  isHidden: () => boolean;
  now: () => number;
  /** The clock not advancing this long while playing → `stopped`. */
  stallTimeoutMs: number;
  /** A seek not landing this long while playing → `incompleteHere`. */
  seekTimeoutMs: number;
  /** After a `playerror`, how long to wait for the browser to allow playback. */
  unlockTimeoutMs: number;
  /** Clock polling period while the tab is hidden. */
  hiddenTickMs: number;
}

/** One sentence to follow. */
export interface FollowedSentence {
  entry: ManifestEntry;
  /** The last sentence of the recording: pause at its end rather than play on. */
  isLast: boolean;
  /** The sentence's checked word times (offsets into its displayed text), or null: no word highlight. */
  words: readonly ManifestWord[] | null;
}

/** Rethrows asynchronously: a throwing callback must not break the clock loop. */
function report(err: unknown): void {
  queueMicrotask(() => {
    throw err;
  });
}

/** Follows one sentence; `done` settles when it ends, fails, or is settled. */
export class SentenceFollower {
  /** Resolves at the sentence's end or on `settle()`; rejects with `audio-failed` on a fault. */
  readonly done: Promise<void>;
  #resolve!: () => void;
  #reject!: (error: NarrationError) => void;
  #settled = false;
  #suspended = false;
  #started = false;
  #blocked = false;
  /** Index of the word last reported (−1: none). */
  #word = -1;
  #frame: unknown = null;
  #timer: unknown = null;
  #guard: unknown = null;
  #unlockTimer: unknown = null;
  #unsubscribeUnlock: (() => void) | null = null;
  #lastClock = Number.NaN;
  #lastAdvanceAt: number;
  #lastTickAt: number;
  #lastNudgeAt: number;
  /** When the clock was first seen waiting for a seek to land (null: landed). */
  #unlandedSince: number | null = null;

  constructor(
    private readonly sentence: FollowedSentence,
    private readonly callbacks: SentenceCallbacks,
    private readonly player: PlaybackControl,
    private readonly timing: FollowerTiming,
  ) {
    this.done = new Promise<void>((resolve, reject) => {
      this.#resolve = resolve;
      this.#reject = reject;
    });
    this.#lastAdvanceAt = this.#lastTickAt = this.#lastNudgeAt = timing.now();
  }

  /** Starts following (the first tick runs now). */
  start(): void {
    this.#startGuard();
    this.#tick();
  }

  /** Stops the clock loop and the watchdog (a native pause). */
  suspend(): void {
    this.#suspended = true;
    this.#stopLoop();
  }

  /** Restarts them (resume). */
  rearm(): void {
    if (this.#settled || !this.#suspended) return;
    this.#suspended = false;
    this.#lastAdvanceAt = this.#lastTickAt = this.#lastNudgeAt = this.timing.now();
    this.#unlandedSince = null;
    this.#startGuard();
    this.#tick();
  }

  /** Settles quietly, without callbacks (cancel, abort, dispose). */
  settle(): void {
    this.#finish();
  }

  /** Howler's `end`: the file ended (or an `end` queued before our last seek arrives). */
  ended(): void {
    if (this.#settled) return;
    const { clock } = this.player;
    const raw = clock.raw();
    const durationMs = this.player.durationMs();
    // Queued before our seek, with the element already elsewhere: the clock decides then.
    if (durationMs > 0 && raw < durationMs - 250 && clock.sinceSeek() < STALE_END_MS) return;
    const { entry, isLast } = this.sentence;
    const reached = Math.max(raw, Number.isFinite(this.#lastClock) ? this.#lastClock : 0);
    // Ended where the file says it ends (or a stream that does not say): not an early end of data.
    const atAnnouncedEnd = !(durationMs > 0) || raw >= durationMs - 250;
    if (this.#started && atAnnouncedEnd && (isLast || reached >= entry.end - 1000)) {
      this.#finish();
    } else if (!atAnnouncedEnd || reached < this.player.timelineMs - TRUNCATION_TOLERANCE_MS) {
      // The data ended long before the text does: a recording cut short (its header may say otherwise).
      console.error(`recorded narration: the file ended at ${Math.round(reached)} ms, it announced ${Math.round(durationMs)} ms and the text lasts ${Math.round(this.player.timelineMs)} ms`);
      this.#fail(RECORDING_MESSAGES.incompleteHere);
    } else {
      console.error(`recorded narration: the file ended at ${Math.round(reached)} ms, inside a sentence (${entry.start}–${entry.end} ms)`);
      this.#fail(RECORDING_MESSAGES.stopped);
    }
  }

  /** Howler's `playerror`: the browser refused to play (mobile autoplay rules). */
  playError(): void {
    if (this.#settled || this.#blocked) return;
    this.#blocked = true;
    // Howler fires `unlock` after the next touch or click.
    this.#unsubscribeUnlock = this.player.onceUnlocked(this.#onUnlock);
    this.#unlockTimer = this.timing.timers.setTimeout(() => {
      this.#unlockTimer = null;
      if (this.#settled) return;
      // Paused meanwhile: resume() plays again (and a new refusal starts a new wait).
      if (this.player.playing() || this.#suspended) {
        this.#blocked = false;
        this.#lastAdvanceAt = this.timing.now();
      } else {
        this.#fail(RECORDING_MESSAGES.blocked);
      }
    }, this.timing.unlockTimeoutMs);
  }

  readonly #onUnlock = (): void => {
    this.#unsubscribeUnlock = null;
    if (!this.#settled && !this.#suspended && !this.player.paused) this.player.play();
  };

  #tick = (): void => {
    if (this.#settled || this.#suspended) return;
    const { player, timing, callbacks, sentence } = this;
    const now = timing.now();
    this.#lastTickAt = now;
    const clock = player.clock.read();
    const landed = player.clock.landed;
    if (landed && clock < this.#lastClock - BACKWARDS_MS && !this.#blocked) {
      // Nobody seeked: the element started the file over (Howler restarts it after an early end).
      console.error(`recorded narration: the clock jumped back from ${Math.round(this.#lastClock)} to ${Math.round(clock)} ms`);
      this.#fail(RECORDING_MESSAGES.incompleteHere);
      return;
    }
    if (!(Math.abs(clock - this.#lastClock) < 1)) {
      this.#lastClock = clock;
      this.#lastAdvanceAt = now;
    }
    if (!this.#started && clock >= sentence.entry.start - START_SLACK_MS) {
      this.#started = true;
      this.#call(() => callbacks.onStart());
      if (this.#settled) return;
    }
    if (this.#started && sentence.words) {
      // The word heard now, found afresh each frame (a seek or a stalled clock cannot leave it behind).
      const index = clock >= sentence.entry.end ? -1 : wordIndexAt(sentence.words, clock + WORD_LEAD_MS);
      if (index !== this.#word) {
        this.#word = index;
        const word = sentence.words[index];
        this.#call(() => (word ? callbacks.onWord?.(word.from, word.to - word.from) : callbacks.onWordEnd?.()));
        if (this.#settled) return;
      }
    }
    if (clock >= sentence.entry.end) {
      // The last sentence: stop rather than play on into whatever follows it in the file.
      if (sentence.isLast) player.pause();
      this.#finish();
      return;
    }
    if (!this.#blocked && !player.paused) {
      this.#unlandedSince = landed ? null : (this.#unlandedSince ?? now);
      if (this.#unlandedSince !== null && now - this.#unlandedSince > timing.seekTimeoutMs && player.playing()) {
        // The element plays somewhere else than asked: the place is missing from the file.
        console.error(`recorded narration: a seek to ${Math.round(clock)} ms did not land (the element is at ${Math.round(player.clock.raw())} ms)`);
        this.#fail(RECORDING_MESSAGES.incompleteHere);
        return;
      }
      if (now - this.#lastAdvanceAt > timing.stallTimeoutMs) {
        console.error(`recorded narration: the clock stalled at ${Math.round(clock)} ms`);
        this.#fail(RECORDING_MESSAGES.stopped);
        return;
      }
      if (now - this.#lastNudgeAt >= NUDGE_MS && !player.playing()) {
        this.#lastNudgeAt = now;
        player.play();
      }
    }
    player.reconcileRate(now);
    this.#schedule();
  };

  #schedule(): void {
    if (this.#settled || this.#suspended || this.#frame !== null || this.#timer !== null) return;
    const { timing } = this;
    if (timing.isHidden()) {
      this.#timer = timing.timers.setTimeout(() => {
        this.#timer = null;
        this.#tick();
      }, timing.hiddenTickMs);
    } else {
      this.#frame = timing.frames.request(() => {
        this.#frame = null;
        this.#tick();
      });
    }
  }

  /** A frame requested just before the tab was hidden may never come: tick from here then. */
  #startGuard(): void {
    this.#guard = this.timing.timers.setInterval(() => {
      if (this.#settled || this.#suspended) return;
      if (this.timing.now() - this.#lastTickAt < GUARD_MS) return;
      if (this.#frame !== null) this.timing.frames.cancel(this.#frame);
      this.#frame = null;
      this.#tick();
    }, GUARD_MS);
  }

  #stopLoop(): void {
    const { frames, timers } = this.timing;
    if (this.#frame !== null) frames.cancel(this.#frame);
    if (this.#timer !== null) timers.clearTimeout(this.#timer);
    if (this.#guard !== null) timers.clearInterval(this.#guard);
    this.#frame = this.#timer = this.#guard = null;
  }

  #call(fn: () => void): void {
    try {
      fn();
    } catch (err) {
      report(err);
    }
  }

  #fail(message: string): void {
    this.#finish(new NarrationError('audio-failed', message));
  }

  #finish(error?: NarrationError): void {
    if (this.#settled) return;
    this.#settled = true;
    this.#stopLoop();
    if (this.#unlockTimer !== null) this.timing.timers.clearTimeout(this.#unlockTimer);
    this.#unlockTimer = null;
    this.#unsubscribeUnlock?.();
    this.#unsubscribeUnlock = null;
    if (error) this.#reject(error);
    else this.#resolve();
  }
}
