/**
 * The recorded-narration backend: plays one long narration file through an injected Howler-like
 * object and tells the engine when each sentence starts and ends, following the audio clock, so
 * consecutive sentences flow without a seek between them. The Editor's asides (glossary notes,
 * "probably…" warnings) play from a file of their own, through a second Howl created on the first
 * aside. Howler itself is loaded with a dynamic import on the first `prepare()`, and nothing is
 * requested before then. The manifest loader (`recording-manifest.ts`), the player of one file
 * (`howl-player.ts`), the clock (`audio-clock.ts`) and the per-sentence follower with its fault
 * detection (`sentence-follower.ts`) are their own modules. No DOM globals are touched unless
 * they are the defaults; tests inject fakes.
 */
import { validateWords, type AsideClip, type AsidesRecording, type AudioManifest, type ManifestEntry } from '../audio-manifest.ts';
import { sentenceIndexAt } from '../audio-timeline.ts';
import type { TimerLike } from './speech-synthesis-backend.ts';
import {
  NarrationError,
  type NarrationBackend,
  type NarrationItem,
  type SentenceCallbacks,
  type SentenceOptions,
} from '../types.ts';
import { HowlPlayer, type HowlLike, type HowlOptionsLike, type PlayerSource } from './howl-player.ts';
import {
  RECORDING_MESSAGES,
  checkFileLength,
  fetchManifest,
  formatOf,
  loadRecordingManifest,
  resolveAudioUrl,
  usableAsides,
} from './recording-manifest.ts';
import type { FollowedSentence, FollowerTiming, FrameSchedulerLike } from './sentence-follower.ts';

export { resolveAudioUrl } from './recording-manifest.ts';
export { START_SLACK_MS, type FrameSchedulerLike } from './sentence-follower.ts';
export type { HowlLike, HowlListenerLike, HowlOptionsLike } from './howl-player.ts';

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
 * loops. An Editor's aside (an id of `manifest.asides.clips`) plays its clip from the asides file
 * while the narration waits, paused; a missing or damaged asides file fails that aside only.
 */
export class HowlerBackend implements NarrationBackend {
  readonly kind = 'recorded' as const;
  readonly #manifestUrl: string;
  readonly #loadManifest: (url: string, signal: AbortSignal) => Promise<unknown>;
  readonly #timing: FollowerTiming;
  /** Aborted on dispose: ends loading in flight. */
  readonly #lifetime = new AbortController();
  #manifest: AudioManifest | null = null;
  /** Sentence id → index in `manifest.order`. */
  #orderIndex = new Map<string, number>();
  /** Sentences whose word times were found damaged (reported once). */
  readonly #badWords = new Set<string>();
  /** The narration file. */
  readonly #narration: HowlPlayer;
  /** The asides file's player, created on the first aside (null before, and after a failed load). */
  #asides: HowlPlayer | null = null;
  #asidesLoading: Promise<HowlPlayer> | null = null;
  /** The usable asides recording of the manifest (null: none, or `#asidesDamaged`). */
  #asidesRecording: AsidesRecording | null = null;
  #asidesDamaged = false;
  /** The player that read last: pause/resume act on it. */
  #active: HowlPlayer;
  /** An aside waits for its file to load (pause/resume then only set `#held`). */
  #asidePending = false;
  /** Paused by the engine (`pause()`) and not resumed since: an aside whose file loads meanwhile stays silent. */
  #held = false;
  readonly #newPlayer: () => HowlPlayer;
  #loading: Promise<void> | null = null;
  #ready = false;
  /** The volume last asked for (0–1). */
  #volume = 1;
  #disposed = false;

  constructor(options: HowlerBackendOptions) {
    this.#manifestUrl = options.manifestUrl;
    this.#loadManifest = options.loadManifest ?? fetchManifest;
    const timers = options.timers ?? defaultTimers;
    const now = options.now ?? (() => globalThis.performance?.now() ?? Date.now());
    this.#timing = {
      frames: options.frames ?? defaultFrames,
      timers,
      isHidden: options.isHidden ?? (() => globalThis.document?.visibilityState === 'hidden'),
      now,
      stallTimeoutMs: options.stallTimeoutMs ?? 4000,
      seekTimeoutMs: options.seekTimeoutMs ?? 3000,
      unlockTimeoutMs: options.unlockTimeoutMs ?? 3000,
      hiddenTickMs: options.hiddenTickMs ?? 80,
    };
    const deps = {
      createHowl: options.createHowl ?? defaultCreateHowl,
      timers,
      now,
      lifetime: this.#lifetime.signal,
      loadTimeoutMs: options.loadTimeoutMs ?? 30_000,
    };
    this.#newPlayer = () => new HowlPlayer(deps);
    this.#narration = this.#newPlayer();
    this.#active = this.#narration;
  }

  /** The loaded manifest (null before `prepare()` has loaded it). */
  get manifest(): AudioManifest | null {
    return this.#manifest;
  }

  /**
   * The narration's audio clock in milliseconds from the start of its file (`howl.seek() × 1000`),
   * held at the target of the last seek until the element reports it (see seekLag). 0 before loading.
   */
  currentTimeMs(): number {
    return this.#narration.howl ? this.#narration.clock.read() : 0;
  }

  /** Whether the recording (the narration or an aside) is sounding now. For tests, the bench and the UI. */
  isPlaying(): boolean {
    return this.#narration.playing() || (this.#asides?.playing() ?? false);
  }

  /**
   * Loads the manifest, then creates the narration's Howl (Opus first, MP3 fallback) and waits for
   * its `load`. Nothing is requested before the first call, and the asides file not before the
   * first aside. Concurrent calls share the work; once ready, every call returns the same resolved
   * promise. Rejects with `audio-failed` when the manifest or the file cannot be loaded (a later
   * call tries again), or with the signal's reason when `signal` aborts (the loading itself goes
   * on, for the next call).
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
    return untilAborted(this.#loading, signal);
  }

  /**
   * Reads one sentence from the recording. When the file is already playing just before or
   * inside the sentence (the previous one flowed into it) nothing is touched; otherwise it
   * seeks to the sentence's start and plays (a sentence that is not the next one, e.g. a passage
   * sentence after its content notice, is always sought). `onStart` fires when the clock reaches
   * the start, `onWord` at the manifest's word times; resolves when the clock reaches the
   * sentence's end (or the file ends). Resolves quietly, without callbacks, once `signal` aborts;
   * the sound is left alone then (the engine calls `cancel()`/`pause()`). Rejects with
   * `audio-failed`.
   *
   * An Editor's aside (`item.id` in `manifest.asides.clips`) pauses the narration and plays its clip
   * from the asides file (loaded on the first aside), the same way, pausing at the clip's end.
   */
  readSentence(
    item: NarrationItem,
    options: SentenceOptions,
    callbacks: SentenceCallbacks,
    signal: AbortSignal,
  ): Promise<void> {
    if (signal.aborted) return Promise.resolve();
    const manifest = this.#manifest;
    if (this.#disposed || !this.#narration.howl || !manifest || !this.#ready) {
      return Promise.reject(new NarrationError('audio-failed', RECORDING_MESSAGES.notReady));
    }
    const entry = Object.hasOwn(manifest.sentences, item.id) ? manifest.sentences[item.id] : undefined;
    if (entry) return this.#readFromNarration(item, entry, options, callbacks, signal);
    const clips = this.#asidesRecording?.clips;
    const clip = clips && Object.hasOwn(clips, item.id) ? clips[item.id] : undefined;
    if (clip) return this.#readAside(clip, options, callbacks, signal);
    if (this.#asidesDamaged && item.index < 0) return Promise.reject(new NarrationError('audio-failed', RECORDING_MESSAGES.notesFailed));
    return Promise.reject(new NarrationError('audio-failed', item.index < 0 ? RECORDING_MESSAGES.noteMissing : RECORDING_MESSAGES.noRecording));
  }

  /** Pauses the recording in place; always possible. */
  pause(): boolean {
    this.#held = true;
    this.#active.pause();
    const other = this.#active === this.#narration ? this.#asides : this.#narration;
    other?.pauseSound();
    return true;
  }

  /** Continues after `pause()`; false when there is nothing to continue. */
  resume(): boolean {
    if (this.#disposed) return false;
    this.#held = false;
    if (this.#asidePending) return true; // it plays once its file has loaded
    if (!this.#active.howl) return false;
    this.#active.resume();
    return true;
  }

  /** Silences the recording (a pause, not an unload: the buffers stay for the next seek). */
  cancel(): void {
    this.#held = false;
    this.#narration.cancel();
    this.#asides?.cancel();
  }

  /** Sets the volume (0–1) of the recording now, in place; true (a Howl can always change it). */
  setVolume(volume: number): boolean {
    this.#volume = volume;
    this.#narration.setVolume(volume);
    this.#asides?.setVolume(volume);
    return true;
  }

  /** Stops the clock loops, ends loading in flight and unloads the Howls. */
  dispose(): void {
    if (this.#disposed) return;
    this.#narration.settleRuns();
    this.#asides?.settleRuns();
    this.#disposed = true;
    this.#lifetime.abort();
    this.#ready = false;
    this.#narration.release();
    this.#asides?.release();
    this.#asides = null;
  }

  // --- internals -------------------------------------------------------------------------

  async #load(): Promise<void> {
    if (!this.#manifest) {
      const manifest = await loadRecordingManifest(this.#manifestUrl, this.#loadManifest, this.#lifetime.signal);
      this.#checkAlive();
      this.#manifest = manifest;
      this.#orderIndex = new Map(manifest.order.map((id, i) => [id, i]));
      ({ asides: this.#asidesRecording, damaged: this.#asidesDamaged } = usableAsides(manifest, this.#manifestUrl));
    }
    await this.#narration.load(this.#sourceOf(this.#manifest.files), RECORDING_MESSAGES.loadFailed);
    // A truncated file would end (and Howler start it again) long before the text does.
    checkFileLength(this.#narration.durationMs(), this.#manifest);
  }

  #sourceOf(files: { opus: string; mp3: string }): PlayerSource {
    return {
      opus: { url: resolveAudioUrl(files.opus, this.#manifestUrl), format: formatOf(files.opus) },
      mp3: { url: resolveAudioUrl(files.mp3, this.#manifestUrl), format: formatOf(files.mp3) },
    };
  }

  #checkAlive(): void {
    if (this.#disposed) throw new NarrationError('audio-failed', RECORDING_MESSAGES.loadFailed);
  }

  /** A sentence of the text, from the narration file. */
  #readFromNarration(item: NarrationItem, entry: ManifestEntry, options: SentenceOptions, callbacks: SentenceCallbacks, signal: AbortSignal): Promise<void> {
    const narration = this.#narration;
    const manifest = this.#manifest!;
    // An aside that was sounding (or paused) gives way to the text.
    if (this.#asides && this.#active === this.#asides) this.#asides.cancel();
    this.#active = narration;
    this.#held = false;
    narration.setRate(options.rate);
    this.#applyVolume(options.volume ?? 1);

    const isLast = this.#orderIndex.get(item.id) === manifest.order.length - 1;
    const wasPlaying = narration.playing() && !narration.paused;
    narration.paused = false;
    if (!(wasPlaying && this.#flowsInto(item.id, entry, narration.clock.read()))) {
      narration.seek(entry.start);
      if (!wasPlaying) narration.play();
    }
    const sentence: FollowedSentence = { entry, isLast, words: this.#wordsFor(item, entry, callbacks) };
    return narration.follow(sentence, callbacks, this.#timing, manifest.durationMs, signal);
  }

  /** An Editor's aside, from the asides file: the narration waits, paused. */
  async #readAside(clip: AsideClip, options: SentenceOptions, callbacks: SentenceCallbacks, signal: AbortSignal): Promise<void> {
    const recording = this.#asidesRecording!;
    // The text stops now, even while the asides file is still loading.
    this.#narration.settleRuns();
    this.#narration.paused = false;
    this.#narration.pauseSound();
    this.#held = false;
    let player: HowlPlayer;
    this.#asidePending = true;
    try {
      player = await untilAborted(this.#asidesPlayer(recording), signal);
    } catch (err) {
      if (signal.aborted) return;
      throw err;
    } finally {
      this.#asidePending = false;
    }
    if (signal.aborted || this.#disposed) return;
    this.#active = player;
    player.setRate(options.rate);
    this.#applyVolume(options.volume ?? 1);
    player.seek(clip.start);
    if (this.#held) {
      // Paused while the file loaded: silent (and no onStart) until resume().
      player.paused = true;
      player.pauseSound();
    } else {
      player.paused = false;
      if (!player.playing()) player.play();
    }
    // Followed like a last sentence: the sound pauses at the clip's end rather than play on into the next aside.
    const entry: ManifestEntry = { start: clip.start, end: clip.end, speaker: 'editor', spans: [{ speaker: 'editor', start: clip.start, end: clip.end }], hash: clip.hash };
    return player.follow({ entry, isLast: true, words: null }, callbacks, this.#timing, recording.durationMs, signal);
  }

  /**
   * The asides file's player, loaded on first use and shared by concurrent calls. Rejects with
   * `audio-failed` and `notesFailed` when the file cannot be loaded or is shorter than its index
   * (a later aside tries again); the narration's player is not touched.
   */
  #asidesPlayer(recording: AsidesRecording): Promise<HowlPlayer> {
    if (!this.#asidesLoading) {
      const player = this.#newPlayer();
      this.#asidesLoading = (async () => {
        try {
          await player.load(this.#sourceOf(recording.files), RECORDING_MESSAGES.notesFailed);
          checkFileLength(player.durationMs(), recording, RECORDING_MESSAGES.notesFailed);
        } catch (err) {
          player.release();
          this.#asidesLoading = null; // the next aside tries again
          throw err instanceof NarrationError && err.code === 'audio-failed' ? new NarrationError('audio-failed', RECORDING_MESSAGES.notesFailed) : err;
        }
        if (this.#disposed) {
          player.release();
          throw new NarrationError('audio-failed', RECORDING_MESSAGES.notesFailed);
        }
        this.#asides = player;
        player.setVolume(this.#volume);
        return player;
      })();
    }
    return this.#asidesLoading;
  }

  /** Remembers `volume` and gives it to both players. */
  #applyVolume(volume: number): void {
    this.#volume = volume;
    this.#narration.setVolume(volume);
    this.#asides?.setVolume(volume);
  }

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
   * The sentence's word times when there are callbacks for them and they are sound against its
   * displayed text; a damaged list goes to the console (once per sentence) and costs that
   * sentence its word highlight only.
   */
  #wordsFor(item: NarrationItem, entry: ManifestEntry, callbacks: SentenceCallbacks): FollowedSentence['words'] {
    if (!callbacks.onWord || !entry.words || entry.words.length === 0) return null;
    const problems = validateWords(item.id, entry, item.text.length);
    if (problems.length === 0) return entry.words;
    if (!this.#badWords.has(item.id)) {
      this.#badWords.add(item.id);
      console.error(`recorded narration: the word times of ${item.id} are damaged (no word highlight there): ${problems.slice(0, 3).join('; ')}`);
    }
    return null;
  }
}

/** `work`, or the signal's reason as soon as `signal` aborts (the work itself goes on). */
function untilAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (err: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(err);
      },
    );
  });
}
