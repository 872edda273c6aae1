/**
 * The Web Speech backend: reads a sentence as one utterance per speaker span through an
 * injected `speechSynthesis`-like object, with the platform's known pitfalls handled here
 * (voices arriving late, stale queues, cancel surfacing as errors, utterances collected before
 * `end`, starts and ends that never come, platforms whose pause does not pause).
 * No DOM globals are touched unless they are the defaults; tests inject a fake.
 */
import { isEnglishLang, isNaturalVoice } from '../casting.ts';
import {
  NarrationError,
  type NarrationBackend,
  type NarrationItem,
  type SentenceCallbacks,
  type SentenceOptions,
  type VoiceAssignment,
  type VoiceInfo,
} from '../types.ts';

/** The parts of `SpeechSynthesisVoice` used here. */
export interface VoiceLike {
  readonly voiceURI: string;
  readonly name: string;
  readonly lang: string;
  readonly localService: boolean;
  readonly default: boolean;
}

/** The utterance event fields used here. */
export interface UtteranceEventLike {
  /** For `boundary`: "word" or "sentence". */
  readonly name?: string;
  /** For `boundary`: offset into the utterance text. */
  readonly charIndex?: number;
  /** For `boundary` (Chrome): length of the word. */
  readonly charLength?: number;
}

/** The utterance error event fields used here. */
export interface UtteranceErrorEventLike extends UtteranceEventLike {
  /** `SpeechSynthesisErrorCode`: "interrupted", "canceled", "not-allowed", "synthesis-failed"… */
  readonly error: string;
}

/** The parts of `SpeechSynthesisUtterance` used here. */
export interface UtteranceLike {
  text: string;
  voice: VoiceLike | null;
  lang: string;
  rate: number;
  pitch: number;
  volume: number;
  onstart: ((event: UtteranceEventLike) => unknown) | null;
  onend: ((event: UtteranceEventLike) => unknown) | null;
  onerror: ((event: UtteranceErrorEventLike) => unknown) | null;
  onboundary: ((event: UtteranceEventLike) => unknown) | null;
}

/** The parts of `speechSynthesis` used here. */
export interface SpeechSynthesisLike {
  readonly speaking: boolean;
  readonly pending: boolean;
  readonly paused: boolean;
  getVoices(): readonly VoiceLike[];
  speak(utterance: UtteranceLike): void;
  cancel(): void;
  pause(): void;
  resume(): void;
  addEventListener?(type: 'voiceschanged', listener: () => void): void;
  removeEventListener?(type: 'voiceschanged', listener: () => void): void;
}

/** Timer functions (injectable; default: the global ones, looked up at call time). */
export interface TimerLike {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  setInterval(fn: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
}

/** How `pause()` works: natively, or by stopping and restarting the sentence on resume. */
export type PauseMode = 'native' | 'restart' | 'auto';

/** Options of `new SpeechSynthesisBackend(synth, options)`. */
export interface SpeechSynthesisBackendOptions {
  /** Creates an utterance (default: `new SpeechSynthesisUtterance(text)`). */
  createUtterance?: (text: string) => UtteranceLike;
  /** How long `prepare()` waits for voices (default 3000 ms). */
  voicesTimeoutMs?: number;
  /** How often `prepare()` polls `getVoices()` meanwhile (default 250 ms). */
  pollIntervalMs?: number;
  /** No `start` within this → `stalled` (default 5000 ms). */
  startTimeoutMs?: number;
  /** Added to the end watchdog: estimated duration × 3 + this (default 4000 ms). */
  endGraceMs?: number;
  /**
   * `auto` (default) restarts when the user agent contains Android or Linux (pause interrupts
   * or does nothing there) or the speaking voice is a Microsoft "Natural" voice; else native.
   */
  pauseMode?: PauseMode;
  /** Default: `navigator.userAgent` when there is one. */
  userAgent?: string;
  timers?: TimerLike;
}

/** Words per second at rate 1, for the end watchdog's duration estimate. */
const WORDS_PER_SECOND = 2.6;

const defaultTimers: TimerLike = {
  setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
  clearTimeout: (h) => globalThis.clearTimeout(h as ReturnType<typeof setTimeout>),
  setInterval: (fn, ms) => globalThis.setInterval(fn, ms),
  clearInterval: (h) => globalThis.clearInterval(h as ReturnType<typeof setInterval>),
};

const clamp = (n: number, lo: number, hi: number, fallback: number) =>
  Number.isFinite(n) ? Math.min(hi, Math.max(lo, n)) : fallback;

/** An utterance we spoke; `cancelled` once we cancelled it, so its late events are ignored. */
interface LiveUtterance {
  utterance: UtteranceLike;
  cancelled: boolean;
}

/** A sentence being read: lets `pause`/`resume`/`cancel` reach its watchdogs and promise. */
interface SentenceRun {
  /** Stops the watchdog timers (native pause). */
  suspend(): void;
  /** Re-arms the watchdog timers (resume). */
  rearm(): void;
  /** Settles quietly (cancel without abort). */
  settle(): void;
  /** Name of the voice speaking now. */
  voiceName(): string | null;
}

const NOT_ALLOWED_MESSAGE = 'The browser blocked speech until you press Play.';

/**
 * Reads sentences with the Web Speech API. One utterance per speaker span, a fresh utterance
 * every time, strong references to live utterances, a start and an end watchdog.
 *
 * Pitch and Microsoft "(Natural)" voices: those voices ignore `pitch`, so the utterance's pitch
 * is left at 1 for them (casting separates speakers by rate instead).
 */
export class SpeechSynthesisBackend implements NarrationBackend {
  readonly kind = 'speech' as const;
  readonly #synth: SpeechSynthesisLike | undefined;
  readonly #createUtterance: (text: string) => UtteranceLike;
  readonly #voicesTimeoutMs: number;
  readonly #pollIntervalMs: number;
  readonly #startTimeoutMs: number;
  readonly #endGraceMs: number;
  readonly #pauseMode: PauseMode;
  readonly #userAgent: string;
  readonly #timers: TimerLike;
  #rawVoices: readonly VoiceLike[] = [];
  /** Strong references: some engines collect an utterance before its `end` otherwise. */
  readonly #live = new Set<LiveUtterance>();
  readonly #runs = new Set<SentenceRun>();
  /** Cleanup of a `prepare()` in flight. */
  readonly #cleanups = new Set<() => void>();
  #onVoicesChanged: (() => void) | null = null;
  readonly #voiceListeners = new Set<(voices: VoiceInfo[]) => void>();
  #nativelyPaused = false;
  #disposed = false;

  constructor(
    synth: SpeechSynthesisLike | undefined = globalThis.speechSynthesis as unknown as SpeechSynthesisLike | undefined,
    options: SpeechSynthesisBackendOptions = {},
  ) {
    this.#synth = synth ?? undefined;
    this.#createUtterance =
      options.createUtterance ?? ((text) => new SpeechSynthesisUtterance(text) as unknown as UtteranceLike);
    this.#voicesTimeoutMs = options.voicesTimeoutMs ?? 3000;
    this.#pollIntervalMs = options.pollIntervalMs ?? 250;
    this.#startTimeoutMs = options.startTimeoutMs ?? 5000;
    this.#endGraceMs = options.endGraceMs ?? 4000;
    this.#pauseMode = options.pauseMode ?? 'auto';
    this.#userAgent = options.userAgent ?? (globalThis.navigator?.userAgent as string | undefined) ?? '';
    this.#timers = options.timers ?? defaultTimers;
    this.#loadVoices();
    if (this.#synth?.addEventListener) {
      this.#onVoicesChanged = () => this.#loadVoices();
      this.#synth.addEventListener('voiceschanged', this.#onVoicesChanged);
    }
  }

  /** The voices known so far (plain copies). */
  get voices(): VoiceInfo[] {
    return this.#rawVoices.map((v) => ({
      voiceURI: v.voiceURI,
      name: v.name,
      lang: v.lang,
      localService: v.localService,
      default: v.default,
    }));
  }

  /**
   * Calls `listener` with plain copies whenever the list of voices changes (they arrive late,
   * or a network voice appears): re-cast then (`castVoices(voices, …)` → `engine.setCast`).
   * Returns unsubscribe.
   */
  onVoicesChanged(listener: (voices: VoiceInfo[]) => void): () => void {
    this.#voiceListeners.add(listener);
    return () => this.#voiceListeners.delete(listener);
  }

  /** Whether at least one English voice is known. */
  get hasEnglishVoice(): boolean {
    return this.#rawVoices.some((v) => isEnglishLang(v.lang));
  }

  /**
   * Waits for voices: `getVoices()` now, else `voiceschanged` and polling until the timeout.
   * Resolves once an English voice is known. Rejects with `unsupported` (no speech synthesis),
   * `no-voices` (none, or none in English, in time), or the signal's reason when aborted.
   */
  prepare(signal: AbortSignal): Promise<void> {
    const synth = this.#synth;
    if (!synth || this.#disposed) {
      return Promise.reject(new NarrationError('unsupported', 'This browser cannot read aloud.'));
    }
    if (signal.aborted) return Promise.reject(signal.reason);
    this.#loadVoices();
    if (this.hasEnglishVoice) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      const timers = this.#timers;
      const poll = timers.setInterval(() => check(), this.#pollIntervalMs);
      const timeout = timers.setTimeout(() => {
        this.#loadVoices();
        if (this.hasEnglishVoice) return done(resolve);
        done(() =>
          reject(
            this.#rawVoices.length === 0
              ? new NarrationError('no-voices', 'No voice for reading aloud was found on this device.')
              : new NarrationError('no-voices', 'No English voice for reading aloud was found on this device.'),
          ),
        );
      }, this.#voicesTimeoutMs);
      const onAbort = () => done(() => reject(signal.reason));
      const onChanged = () => check();
      const abandon = () => done(() => reject(new NarrationError('unsupported', 'Reading aloud was switched off.')));
      const cleanup = () => {
        timers.clearInterval(poll);
        timers.clearTimeout(timeout);
        signal.removeEventListener('abort', onAbort);
        synth.removeEventListener?.('voiceschanged', onChanged);
        this.#cleanups.delete(abandon);
      };
      const done = (settle: () => void) => {
        cleanup();
        settle();
      };
      const check = () => {
        this.#loadVoices();
        if (this.hasEnglishVoice) done(resolve);
      };
      this.#cleanups.add(abandon);
      signal.addEventListener('abort', onAbort, { once: true });
      synth.addEventListener?.('voiceschanged', onChanged);
    });
  }

  /**
   * Reads one sentence: one utterance per span, in order. Resolves when the last one ends,
   * quietly when `signal` aborts (then no callback is made any more); rejects with a
   * NarrationError (`not-allowed`, `synthesis-failed`, `stalled`, `no-voices`, `unsupported`).
   * The first `speak()` happens synchronously (user-gesture safe).
   */
  readSentence(
    item: NarrationItem,
    options: SentenceOptions,
    callbacks: SentenceCallbacks,
    signal: AbortSignal,
  ): Promise<void> {
    const synth = this.#synth;
    if (!synth || this.#disposed) {
      return Promise.reject(new NarrationError('unsupported', 'This browser cannot read aloud.'));
    }
    if (signal.aborted) return Promise.resolve();
    if (this.#rawVoices.length === 0) this.#loadVoices();
    if (this.#rawVoices.length === 0) {
      return Promise.reject(new NarrationError('no-voices', 'No voice for reading aloud was found on this device.'));
    }
    const spans = item.spans.filter((s) => s.text.trim() !== '');
    if (spans.length === 0) {
      callbacks.onStart();
      return Promise.resolve();
    }

    return new Promise<void>((resolve, reject) => {
      const timers = this.#timers;
      let spanIndex = 0;
      let started = false; // onStart called
      let spanStarted = false; // the current utterance has started
      let settled = false;
      let current: LiveUtterance | null = null;
      let currentWords = 1;
      let currentRate = 1;
      let startTimer: unknown = null;
      let endTimer: unknown = null;

      const clearTimers = () => {
        if (startTimer !== null) timers.clearTimeout(startTimer);
        if (endTimer !== null) timers.clearTimeout(endTimer);
        startTimer = endTimer = null;
      };
      const armStart = () => {
        clearTimers();
        startTimer = timers.setTimeout(() => {
          fail(new NarrationError('stalled', 'The voice did not start speaking. Press Play to try again.'));
        }, this.#startTimeoutMs);
      };
      const armEnd = () => {
        clearTimers();
        const estimateMs = ((currentWords / WORDS_PER_SECOND) * 1000) / currentRate;
        endTimer = timers.setTimeout(() => {
          fail(new NarrationError('stalled', 'The voice stopped in the middle of a sentence. Press Play to continue.'));
        }, estimateMs * 3 + this.#endGraceMs);
      };
      const finish = (error?: NarrationError) => {
        if (settled) return;
        settled = true;
        clearTimers();
        signal.removeEventListener('abort', onAbort);
        this.#runs.delete(runHandle);
        if (current) this.#live.delete(current);
        if (error) reject(error);
        else resolve();
      };
      const silence = () => {
        if (current) current.cancelled = true;
        this.#cancelSynth();
      };
      const fail = (error: NarrationError) => {
        if (settled) return;
        silence();
        finish(error);
      };
      const onAbort = () => {
        if (settled) return;
        silence();
        finish();
      };
      const runHandle: SentenceRun = {
        suspend: clearTimers,
        rearm: () => (spanStarted ? armEnd() : armStart()),
        settle: () => finish(),
        voiceName: () => current?.utterance.voice?.name ?? null,
      };

      const speakSpan = () => {
        const span = spans[spanIndex]!;
        const assignment = options.cast[span.speaker] as VoiceAssignment | undefined;
        const voice = this.#resolveVoice(assignment);
        const utterance = this.#createUtterance(span.text);
        utterance.voice = voice;
        utterance.lang = voice.lang;
        utterance.rate = clamp(options.rate * (assignment?.rate ?? 1), 0.1, 10, 1);
        utterance.pitch = isNaturalVoice(voice.name) ? 1 : clamp(assignment?.pitch ?? 1, 0, 2, 1);
        utterance.volume = clamp(options.volume ?? 1, 0, 1, 1);
        const live: LiveUtterance = { utterance, cancelled: false };
        const mine = () => !live.cancelled && !settled && current === live;
        current = live;
        spanStarted = false;
        currentWords = Math.max(1, span.text.trim().split(/\s+/).length);
        currentRate = utterance.rate;

        utterance.onstart = () => {
          if (!mine()) return;
          spanStarted = true;
          if (!this.#nativelyPaused) armEnd();
          else clearTimers();
          if (!started) {
            started = true;
            callbacks.onStart();
          }
        };
        utterance.onboundary = (event) => {
          if (!mine() || !callbacks.onWord) return;
          if (event.name !== undefined && event.name !== 'word') return;
          // Word offsets are only meaningful when the spoken text is the displayed text.
          if (span.text !== span.displayText) return;
          const at = event.charIndex ?? -1;
          if (at < 0 || at >= span.text.length) return;
          const length = event.charLength && event.charLength > 0 ? event.charLength : wordLengthAt(span.text, at);
          callbacks.onWord(span.displayStart + at, length);
        };
        utterance.onend = () => {
          this.#live.delete(live);
          if (!mine()) return;
          spanIndex += 1;
          if (spanIndex < spans.length) speakSpan();
          else finish();
        };
        utterance.onerror = (event) => {
          this.#live.delete(live);
          if (!mine()) return;
          fail(errorFor(event.error));
        };

        this.#live.add(live);
        armStart();
        synth.speak(utterance);
      };

      this.#runs.add(runHandle);
      signal.addEventListener('abort', onAbort, { once: true });
      // A stale queue (another page, an earlier run) would delay or swallow our sentence.
      if (synth.speaking || synth.pending) this.#cancelSynth();
      // After cancel() Chrome stays paused if it was: new utterances would wait forever.
      if (synth.paused) synth.resume();
      this.#nativelyPaused = false;
      speakSpan();
    });
  }

  /** Pauses natively and returns true, or returns false in restart mode (the engine restarts the sentence). */
  pause(): boolean {
    const synth = this.#synth;
    if (!synth || this.#currentPauseMode() === 'restart') return false;
    synth.pause();
    this.#nativelyPaused = true;
    for (const run of this.#runs) run.suspend();
    return true;
  }

  /** Resumes a native pause and returns true; false in restart mode or when nothing was paused. */
  resume(): boolean {
    const synth = this.#synth;
    if (!synth || !this.#nativelyPaused) return false;
    this.#nativelyPaused = false;
    synth.resume();
    for (const run of this.#runs) run.rearm();
    return true;
  }

  /** Stops all speech now; our utterances' late `error`/`end` events are ignored. */
  cancel(): void {
    for (const run of [...this.#runs]) run.settle();
    this.#cancelSynth();
    this.#nativelyPaused = false;
    if (this.#synth?.paused) this.#synth.resume();
  }

  /** Removes the `voiceschanged` listener, clears timers, stops speech. */
  dispose(): void {
    if (this.#disposed) return;
    this.cancel();
    for (const cleanup of [...this.#cleanups]) cleanup();
    if (this.#onVoicesChanged) this.#synth?.removeEventListener?.('voiceschanged', this.#onVoicesChanged);
    this.#onVoicesChanged = null;
    this.#voiceListeners.clear();
    this.#disposed = true;
  }

  // --- internals -------------------------------------------------------------------------

  #loadVoices(): void {
    let voices: readonly VoiceLike[];
    try {
      voices = this.#synth?.getVoices() ?? [];
    } catch {
      return; // Some embedded browsers throw from getVoices(): treat as "no voices yet".
    }
    // Some platforms briefly report [] while reloading: keep the voices we had.
    if (voices.length === 0) return;
    const key = (list: readonly VoiceLike[]) => list.map((v) => `${v.voiceURI}\u0000${v.name}\u0000${v.lang}`).join('\n');
    const changed = key(voices) !== key(this.#rawVoices);
    this.#rawVoices = [...voices];
    if (!changed) return;
    const copies = this.voices;
    for (const listener of [...this.#voiceListeners]) {
      try {
        listener(copies);
      } catch (err) {
        queueMicrotask(() => {
          throw err;
        });
      }
    }
  }

  /** Marks all our live utterances as cancelled, then cancels the synthesizer. */
  #cancelSynth(): void {
    for (const live of this.#live) live.cancelled = true;
    this.#live.clear();
    this.#synth?.cancel();
  }

  /** The voice for an assignment: by URI (and name), by name, else the first English voice; never null. */
  #resolveVoice(assignment: VoiceAssignment | undefined): VoiceLike {
    const voices = this.#rawVoices;
    const uri = assignment?.voiceURI;
    const name = assignment?.voiceName;
    const found =
      (uri && name ? voices.find((v) => v.voiceURI === uri && v.name === name) : undefined) ??
      (uri ? voices.find((v) => v.voiceURI === uri) : undefined) ??
      (name ? voices.find((v) => v.name === name) : undefined) ??
      voices.find((v) => isEnglishLang(v.lang) && v.default) ??
      voices.find((v) => isEnglishLang(v.lang)) ??
      voices[0];
    return found!;
  }

  #currentPauseMode(): 'native' | 'restart' {
    if (this.#pauseMode !== 'auto') return this.#pauseMode;
    if (/Android|Linux/i.test(this.#userAgent)) return 'restart';
    for (const run of this.#runs) if (isNaturalVoice(run.voiceName())) return 'restart';
    return 'native';
  }
}

/** Maps a `SpeechSynthesisErrorEvent.error` to a NarrationError. */
function errorFor(code: string): NarrationError {
  if (code === 'not-allowed') return new NarrationError('not-allowed', NOT_ALLOWED_MESSAGE);
  if (code === 'interrupted' || code === 'canceled') {
    // Not our cancel (those are ignored before getting here): something else stopped the voice.
    return new NarrationError('synthesis-failed', 'Reading aloud was interrupted by another program. Press Play to continue.');
  }
  return new NarrationError('synthesis-failed', `The voice could not read this sentence (${code || 'unknown error'}).`);
}

/** Length of the word starting at `at` (letters, digits, apostrophes, hyphens; else up to whitespace). */
function wordLengthAt(text: string, at: number): number {
  const rest = text.slice(at);
  const word = /^[\p{L}\p{N}\p{M}'’-]+/u.exec(rest) ?? /^\S+/.exec(rest);
  return word ? word[0].length : 0;
}

