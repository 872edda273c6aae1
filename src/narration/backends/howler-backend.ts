/**
 * The recorded-narration backend: plays one long narration file through an injected Howler-like
 * object and tells the engine when each sentence starts and ends, following the audio clock, so
 * consecutive sentences flow without a seek between them. Howler itself is loaded with a dynamic
 * import on the first `prepare()`, and nothing is requested before then. The manifest loader
 * (`recording-manifest.ts`), the clock (`audio-clock.ts`) and the per-sentence follower with its
 * fault detection (`sentence-follower.ts`) are their own modules. No DOM globals are touched unless
 * they are the defaults; tests inject fakes.
 */
import type { AudioManifest, ManifestEntry } from '../audio-manifest.ts';
import { displayWords, sentenceIndexAt } from '../audio-timeline.ts';
import type { TimerLike } from './speech-synthesis-backend.ts';
import {
  NarrationError,
  type NarrationBackend,
  type NarrationItem,
  type SentenceCallbacks,
  type SentenceOptions,
} from '../types.ts';
import { AudioClock } from './audio-clock.ts';
import {
  RECORDING_MESSAGES,
  checkFileLength,
  fetchManifest,
  formatOf,
  loadRecordingManifest,
  resolveAudioUrl,
} from './recording-manifest.ts';
import { SentenceFollower, type FollowedSentence, type FrameSchedulerLike, type PlaybackControl } from './sentence-follower.ts';

export { resolveAudioUrl } from './recording-manifest.ts';
export { START_SLACK_MS, type FrameSchedulerLike } from './sentence-follower.ts';

/** The options this backend passes to `new Howl(…)`. */
export interface HowlOptionsLike {
  /** File URLs, best first (Opus, then MP3). */
  src: string[];
  /** Howler format names of `src`, in the same order (`webm`, `opus`, `mp3`). */
  format: string[];
  /** Always true: streams the long file, and `rate()` keeps the pitch. */
  html5: boolean;
  preload: boolean;
}

/** A Howler event listener: the sound id, and for `loaderror`/`playerror` the error. */
export type HowlListenerLike = (soundId: number, error?: unknown) => void;

/** The parts of `Howl` used here (structural, so tests can fake it). */
export interface HowlLike {
  /** Plays (or resumes) sound `id`, or a new/paused sound; returns its id (null/undefined when nothing plays). */
  play(id?: number): number | null | undefined;
  pause(id?: number): unknown;
  stop(id?: number): unknown;
  /** Position in seconds. */
  seek(): number;
  /** Moves to `seconds` (of sound `id`). */
  seek(seconds: number, id?: number): unknown;
  rate(): number;
  rate(rate: number, id?: number): unknown;
  volume(): number;
  volume(volume: number): unknown;
  playing(id?: number): boolean;
  /** Length in seconds (0 until loaded). */
  duration(id?: number): number;
  state(): 'unloaded' | 'loading' | 'loaded';
  on(event: string, listener: HowlListenerLike): unknown;
  once(event: string, listener: HowlListenerLike): unknown;
  off(event: string, listener?: HowlListenerLike): unknown;
  unload(): unknown;
}

/** Options of `new HowlerBackend(…)`. */
export interface HowlerBackendOptions {
  /** URL of `manifest.json`; the audio files are resolved relative to it. */
  manifestUrl: string;
  /** Default: `fetch` + `json()`, throwing on a non-OK response. */
  loadManifest?: (url: string, signal: AbortSignal) => Promise<unknown>;
  /** Default: `new Howl(options)` from a dynamic `import('howler')` (kept out of the first load). */
  createHowl?: (options: HowlOptionsLike) => HowlLike | Promise<HowlLike>;
  /** Default: `requestAnimationFrame` (a 16 ms timeout where there is none). */
  frames?: FrameSchedulerLike;
  /** Default: the global timers, looked up at call time. */
  timers?: TimerLike;
  /** Default: `document.visibilityState === 'hidden'`. Frames stop in hidden tabs: timers take over. */
  isHidden?: () => boolean;
  /** Milliseconds, monotonic (default `performance.now()`). */
  now?: () => number;
  /** The clock not advancing this long while playing → `audio-failed` (default 4000 ms). */
  stallTimeoutMs?: number;
  /** A seek not landing this long while playing → `audio-failed`, the recording is incomplete (default 3000 ms). */
  seekTimeoutMs?: number;
  /** After a `playerror`, how long to wait for the browser to allow playback (default 3000 ms). */
  unlockTimeoutMs?: number;
  /** How long `prepare()` waits for the file's `load` (default 30000 ms). */
  loadTimeoutMs?: number;
  /** Clock polling period while the tab is hidden (default 80 ms). */
  hiddenTickMs?: number;
}

/** A sentence flows on without a seek when the clock is within this much before its start. */
export const FLOW_LEAD_MS = 300;

const defaultTimers: TimerLike = {
  setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
  clearTimeout: (h) => globalThis.clearTimeout(h as ReturnType<typeof setTimeout>),
  setInterval: (fn, ms) => globalThis.setInterval(fn, ms),
  clearInterval: (h) => globalThis.clearInterval(h as ReturnType<typeof setInterval>),
};

const defaultFrames: FrameSchedulerLike = {
  request(callback) {
    if (typeof globalThis.requestAnimationFrame === 'function') {
      return { frame: globalThis.requestAnimationFrame(() => callback()) };
    }
    return { timeout: globalThis.setTimeout(callback, 16) };
  },
  cancel(handle) {
    const h = handle as { frame?: number; timeout?: ReturnType<typeof setTimeout> } | null;
    if (h?.frame !== undefined) globalThis.cancelAnimationFrame(h.frame);
    if (h?.timeout !== undefined) globalThis.clearTimeout(h.timeout);
  },
};

async function defaultCreateHowl(options: HowlOptionsLike): Promise<HowlLike> {
  const mod = await import('howler');
  const Howl = mod.Howl ?? (mod as unknown as { default?: typeof mod }).default?.Howl;
  return new Howl(options);
}

/**
 * Plays the recorded narration with Howler in HTML5 mode (streams the long file; `rate()` keeps
 * the pitch) and follows its clock on every animation frame, or on a timer while the tab is
 * hidden (frames stop there). Sentence boundaries come from the manifest, never from Howler's
 * events, so the next sentence continues the same playback: no seek, no gap. Faults (a truncated
 * or damaged file, a stall, a refused play) stop the sentence with a message for people: it never
 * loops.
 */
export class HowlerBackend implements NarrationBackend {
  readonly kind = 'recorded' as const;
  readonly #manifestUrl: string;
  readonly #loadManifest: (url: string, signal: AbortSignal) => Promise<unknown>;
  readonly #createHowl: (options: HowlOptionsLike) => HowlLike | Promise<HowlLike>;
  readonly #timers: TimerLike;
  readonly #timing: ConstructorParameters<typeof SentenceFollower>[3];
  readonly #loadTimeoutMs: number;
  /** Aborted on dispose: ends loading in flight. */
  readonly #lifetime = new AbortController();
  #manifest: AudioManifest | null = null;
  /** Sentence id → index in `manifest.order`. */
  #orderIndex = new Map<string, number>();
  #howl: HowlLike | null = null;
  /** The one sound we play (Howler would start a second one on `play()` without an id). */
  #soundId: number | null = null;
  /** Last time `#reconcileRate` re-applied the rate. */
  #rateCheckedAt = -Infinity;
  #loading: Promise<void> | null = null;
  #ready = false;
  readonly #runs = new Set<SentenceFollower>();
  /** Paused by `pause()` (the engine's native pause). */
  #paused = false;
  readonly #clock: AudioClock;
  #rate: number | null = null;
  /** Volume of the Howl (null: no Howl yet). */
  #volume: number | null = null;
  #disposed = false;

  constructor(options: HowlerBackendOptions) {
    this.#manifestUrl = options.manifestUrl;
    this.#loadManifest = options.loadManifest ?? fetchManifest;
    this.#createHowl = options.createHowl ?? defaultCreateHowl;
    this.#timers = options.timers ?? defaultTimers;
    const now = options.now ?? (() => globalThis.performance?.now() ?? Date.now());
    this.#timing = {
      frames: options.frames ?? defaultFrames,
      timers: this.#timers,
      isHidden: options.isHidden ?? (() => globalThis.document?.visibilityState === 'hidden'),
      now,
      stallTimeoutMs: options.stallTimeoutMs ?? 4000,
      seekTimeoutMs: options.seekTimeoutMs ?? 3000,
      unlockTimeoutMs: options.unlockTimeoutMs ?? 3000,
      hiddenTickMs: options.hiddenTickMs ?? 80,
    };
    this.#loadTimeoutMs = options.loadTimeoutMs ?? 30_000;
    this.#clock = new AudioClock(() => this.#howl?.seek(), now);
  }

  /** The loaded manifest (null before `prepare()` has loaded it). */
  get manifest(): AudioManifest | null {
    return this.#manifest;
  }

  /**
   * The audio clock in milliseconds from the start of the file (`howl.seek() × 1000`), held at
   * the target of the last seek until the element reports it (see seekLag). 0 before loading.
   */
  currentTimeMs(): number {
    return this.#howl ? this.#clock.read() : 0;
  }

  /** Whether the recording is sounding now (Howler's `playing()`). For tests, the bench and the UI. */
  isPlaying(): boolean {
    return this.#howl?.playing() ?? false;
  }

  /**
   * Loads the manifest, then creates the one Howl (Opus first, MP3 fallback) and waits for its
   * `load`. Nothing is requested before the first call. Concurrent calls share the work; once
   * ready, every call returns the same resolved promise. Rejects with `audio-failed` when the
   * manifest or the file cannot be loaded (a later call tries again), or with the signal's
   * reason when `signal` aborts (the loading itself goes on, for the next call).
   */
  prepare(signal: AbortSignal): Promise<void> {
    if (this.#disposed) return Promise.reject(new NarrationError('audio-failed', RECORDING_MESSAGES.loadFailed));
    if (this.#ready && this.#loading) return this.#loading;
    if (signal.aborted) return Promise.reject(signal.reason);
    if (!this.#loading) {
      const loading: Promise<void> = this.#load().then(
        () => {
          this.#ready = true;
        },
        (err: unknown) => {
          if (this.#loading === loading) this.#loading = null;
          throw err;
        },
      );
      this.#loading = loading;
    }
    const loading = this.#loading;
    return new Promise<void>((resolve, reject) => {
      const onAbort = () => reject(signal.reason);
      signal.addEventListener('abort', onAbort, { once: true });
      loading.then(
        () => {
          signal.removeEventListener('abort', onAbort);
          resolve();
        },
        (err: unknown) => {
          signal.removeEventListener('abort', onAbort);
          reject(err);
        },
      );
    });
  }

  /**
   * Reads one sentence from the recording. When the file is already playing just before or
   * inside the sentence (the previous one flowed into it) nothing is touched; otherwise it
   * seeks to the sentence's start and plays. `onStart` fires when the clock reaches the start,
   * `onWord` at the manifest's word times; resolves when the clock reaches the sentence's end
   * (or the file ends). Resolves quietly, without callbacks, once `signal` aborts; the sound is
   * left alone then (the engine calls `cancel()`/`pause()`). Rejects with `audio-failed`.
   */
  readSentence(
    item: NarrationItem,
    options: SentenceOptions,
    callbacks: SentenceCallbacks,
    signal: AbortSignal,
  ): Promise<void> {
    if (signal.aborted) return Promise.resolve();
    const howl = this.#howl;
    const manifest = this.#manifest;
    if (this.#disposed || !howl || !manifest || !this.#ready) {
      return Promise.reject(new NarrationError('audio-failed', RECORDING_MESSAGES.notReady));
    }
    const entry = Object.hasOwn(manifest.sentences, item.id) ? manifest.sentences[item.id] : undefined;
    if (!entry) return Promise.reject(new NarrationError('audio-failed', RECORDING_MESSAGES.noRecording));

    const rate = Number.isFinite(options.rate) ? Math.min(4, Math.max(0.5, options.rate)) : 1;
    if (rate !== this.#rate) {
      howl.rate(rate);
      this.#rate = rate;
      this.#rateCheckedAt = -Infinity;
    }

    this.#applyVolume(options.volume ?? 1);

    const isLast = this.#orderIndex.get(item.id) === manifest.order.length - 1;
    const wasPlaying = howl.playing() && !this.#paused;
    this.#paused = false;
    if (!(wasPlaying && this.#flowsInto(item.id, entry, this.#clock.read()))) {
      this.#seek(entry.start);
      if (!wasPlaying) this.#play();
    }

    const sentence: FollowedSentence = { entry, isLast, words: this.#wordsFor(item, entry, callbacks) };
    const follower = new SentenceFollower(sentence, callbacks, this.#playbackControl(howl), this.#timing);
    const onAbort = () => follower.settle();
    this.#runs.add(follower);
    signal.addEventListener('abort', onAbort, { once: true });
    const forget = () => {
      this.#runs.delete(follower);
      signal.removeEventListener('abort', onAbort);
    };
    follower.done.then(forget, forget);
    follower.start();
    return follower.done;
  }

  /** Pauses the recording in place; always possible. */
  pause(): boolean {
    this.#paused = true;
    for (const run of this.#runs) run.suspend();
    this.#pauseHowl();
    return true;
  }

  /** Continues after `pause()`; false when there is nothing to continue. */
  resume(): boolean {
    if (!this.#howl || this.#disposed) return false;
    this.#paused = false;
    this.#play();
    for (const run of [...this.#runs]) run.rearm();
    return true;
  }

  /** Silences the recording (a pause, not an unload: the buffer stays for the next seek). */
  cancel(): void {
    for (const run of [...this.#runs]) run.settle();
    this.#paused = false;
    this.#pauseHowl();
  }

  /** Sets the volume (0–1) of the recording now, in place; true (a Howl can always change it). */
  setVolume(volume: number): boolean {
    this.#applyVolume(volume);
    return true;
  }

  /** Stops the clock loops, ends loading in flight and unloads the Howl. */
  dispose(): void {
    if (this.#disposed) return;
    for (const run of [...this.#runs]) run.settle();
    this.#disposed = true;
    this.#lifetime.abort();
    const howl = this.#howl;
    this.#howl = null;
    this.#ready = false;
    if (howl) this.#release(howl);
  }

  // --- internals -------------------------------------------------------------------------

  async #load(): Promise<void> {
    const signal = this.#lifetime.signal;
    if (!this.#manifest) {
      const manifest = await loadRecordingManifest(this.#manifestUrl, this.#loadManifest, signal);
      this.#checkAlive();
      this.#manifest = manifest;
      this.#orderIndex = new Map(manifest.order.map((id, i) => [id, i]));
    }
    const { opus, mp3 } = this.#manifest.files;
    const opusUrl = resolveAudioUrl(opus, this.#manifestUrl);
    const mp3Url = resolveAudioUrl(mp3, this.#manifestUrl);
    try {
      await this.#loadHowl({ src: [opusUrl, mp3Url], format: [formatOf(opus), formatOf(mp3)], html5: true, preload: true });
    } catch (err) {
      this.#checkAlive();
      if (!(err instanceof LoadError)) throw err;
      // The Opus file may be the one that failed (a browser that claims WebM but cannot decode
      // it, a missing file): try the MP3 on its own once.
      await this.#loadHowl({ src: [mp3Url], format: [formatOf(mp3)], html5: true, preload: true });
    }
    // A truncated file would end (and Howler start it again) long before the text does.
    checkFileLength((this.#howl?.duration() ?? 0) * 1000, this.#manifest);
  }

  /** Creates the Howl (unless one is loading or loaded) and waits for its `load`. */
  async #loadHowl(options: HowlOptionsLike): Promise<void> {
    let howl = this.#howl;
    if (!howl) {
      try {
        howl = await this.#createHowl(options);
      } catch {
        throw new NarrationError('audio-failed', RECORDING_MESSAGES.loadFailed);
      }
      if (this.#disposed) {
        howl.unload();
        this.#checkAlive();
      }
      this.#howl = howl;
      this.#soundId = null;
      this.#rate = null;
      this.#volume = 1; // Howler's default
      howl.on('end', this.#onEnd);
      howl.on('playerror', this.#onPlayError);
    }
    if (howl.state() === 'loaded') return;
    const loaded = howl;
    await new Promise<void>((resolve, reject) => {
      const timers = this.#timers;
      const signal = this.#lifetime.signal;
      const done = (error?: Error) => {
        loaded.off('load', onLoad);
        loaded.off('loaderror', onError);
        timers.clearTimeout(timeout);
        signal.removeEventListener('abort', onDisposed);
        if (error) reject(error);
        else resolve();
      };
      const onLoad = () => done();
      const onError = () => {
        // A Howl that failed to load is dropped; the next attempt creates a new one.
        if (this.#howl === loaded) {
          this.#howl = null;
          this.#release(loaded);
        }
        done(new LoadError('audio-failed', RECORDING_MESSAGES.loadFailed));
      };
      const onDisposed = () => done(new NarrationError('audio-failed', RECORDING_MESSAGES.loadFailed));
      const timeout = timers.setTimeout(() => done(new NarrationError('audio-failed', RECORDING_MESSAGES.loadFailed)), this.#loadTimeoutMs);
      loaded.once('load', onLoad);
      loaded.once('loaderror', onError);
      signal.addEventListener('abort', onDisposed, { once: true });
    });
  }

  #checkAlive(): void {
    if (this.#disposed) throw new NarrationError('audio-failed', RECORDING_MESSAGES.loadFailed);
  }

  #release(howl: HowlLike): void {
    howl.off('end', this.#onEnd);
    howl.off('playerror', this.#onPlayError);
    try {
      howl.unload();
    } catch {
      // Unloading a broken Howl must not break a dispose.
    }
  }

  readonly #onEnd = (): void => {
    for (const run of [...this.#runs]) run.ended();
  };

  readonly #onPlayError = (): void => {
    for (const run of [...this.#runs]) run.playError();
  };

  /**
   * Whether playback at `clock` is already on its way into sentence `id`: inside it, within
   * FLOW_LEAD_MS before its start, or in the silence right after the sentence before it.
   */
  #flowsInto(id: string, entry: ManifestEntry, clock: number): boolean {
    const manifest = this.#manifest!;
    const index = this.#orderIndex.get(id) ?? -1;
    // Binary search: the sentence the clock is in (a silence belongs to the sentence before it).
    const at = sentenceIndexAt(manifest, clock);
    if (at === index) return clock < entry.end;
    if (at !== index - 1 || index <= 0) return false;
    // In the previous sentence's last moments, or the silence before this one.
    const previous = manifest.sentences[manifest.order[index - 1]!]!;
    return clock >= previous.end - FLOW_LEAD_MS;
  }

  /**
   * Howler queues `rate()` while an HTML5 `play()` is pending and may never run that queue (its
   * queue only advances on a matching event), so a quick second speed change could be lost. Each
   * tick compares the sound's rate with the wanted one and re-applies it, at most every 300 ms.
   */
  #reconcileRate(now: number): void {
    const howl = this.#howl;
    if (!howl || this.#rate === null || this.#soundId === null || now - this.#rateCheckedAt < 300) return;
    this.#rateCheckedAt = now;
    const current = howl.rate(this.#soundId) as unknown;
    if (typeof current === 'number' && Math.abs(current - this.#rate) > 1e-3) howl.rate(this.#rate, this.#soundId);
  }

  /** Gives the Howl `volume` (clamped to 0–1; NaN → 1) when it differs from the last one set. */
  #applyVolume(volume: number): void {
    const value = Number.isFinite(volume) ? Math.min(1, Math.max(0, volume)) : 1;
    const howl = this.#howl;
    if (!howl || value === this.#volume) return;
    howl.volume(value);
    this.#volume = value;
  }

  /** Seeks to `ms` and re-anchors the clock there. */
  #seek(ms: number): void {
    const howl = this.#howl!;
    const seconds = Math.max(0, ms) / 1000;
    if (this.#soundId !== null) {
      howl.seek(seconds, this.#soundId);
    } else {
      // With one argument Howler takes a number that equals a sound id (≥ 1000) for an id.
      howl.seek(Number.isInteger(seconds) && seconds >= 1000 ? seconds + 0.0005 : seconds);
    }
    this.#clock.seekedTo(ms);
  }

  /** Plays our one sound (Howler starts a second sound on `play()` while a play is pending). */
  #play(): void {
    const howl = this.#howl;
    if (!howl) return;
    let id = this.#soundId !== null ? howl.play(this.#soundId) : howl.play();
    if (typeof id !== 'number' && this.#soundId !== null) id = howl.play();
    if (typeof id === 'number') this.#soundId = id;
  }

  #pauseHowl(): void {
    const howl = this.#howl;
    if (!howl) return;
    if (this.#soundId !== null) howl.pause(this.#soundId);
    else howl.pause();
  }

  /** What a sentence follower needs of the player. */
  #playbackControl(howl: HowlLike): PlaybackControl {
    const backend = this;
    return {
      clock: this.#clock,
      play: () => this.#play(),
      pause: () => this.#pauseHowl(),
      playing: () => howl.playing(),
      get paused() {
        return backend.#paused;
      },
      durationMs: () => howl.duration() * 1000,
      timelineMs: this.#manifest?.durationMs ?? 0,
      reconcileRate: (now) => this.#reconcileRate(now),
      onceUnlocked: (listener) => {
        const onUnlock = () => listener();
        howl.once('unlock', onUnlock);
        return () => void howl.off('unlock', onUnlock);
      },
    };
  }

  /** Word times paired with displayed words, when there are callbacks and the counts agree. */
  #wordsFor(
    item: NarrationItem,
    entry: ManifestEntry,
    callbacks: SentenceCallbacks,
  ): FollowedSentence['words'] {
    if (!callbacks.onWord || !entry.words || entry.words.length === 0) return null;
    const display = displayWords(item.text);
    return display.length === entry.words.length ? { times: entry.words, display } : null;
  }
}

/** A `loaderror` of the file (as opposed to the manifest): worth one retry with the MP3. */
class LoadError extends NarrationError {}
