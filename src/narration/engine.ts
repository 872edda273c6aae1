/**
 * The narration engine: reads a `NarrationScript` one sentence at a time through a
 * `NarrationBackend` (Web Speech now, recorded audio later). The state lives in one
 * `NarrationState` changed only by `narrationReducer`; the engine performs the side effects of
 * each transition (start, pause, cancel a sentence) by comparing the state before and after.
 *
 * Every sentence gets its own AbortController and is tagged with the reducer's run id, so a
 * cancelled sentence's late resolution, rejection or callback never changes anything.
 * Pure TS: no Lit, no DOM; the backend carries all platform objects.
 */
import type { SpeakerId } from '../content/model.ts';
import { AsidePlan } from './aside-plan.ts';
import { narrationReducer, initialNarrationState, type NarrationAction, type NarrationState } from './status.ts';
import {
  NarrationError,
  type NarrationBackend,
  type NarrationItem,
  type NarrationScript,
  type NarrationStatus,
  type VoiceCast,
} from './types.ts';

/** What the UI renders: a plain, immutable picture of the narration. */
export interface NarrationSnapshot {
  readonly status: NarrationStatus;
  /** Current position (0-based). */
  readonly index: number;
  /** Number of sentences. */
  readonly total: number;
  /** Id of the sentence at `index`, or null when the script is empty. */
  readonly currentId: string | null;
  readonly speaker: SpeakerId | null;
  /** Display name of `speaker` ("Stalin"). */
  readonly speakerName: string | null;
  /** The annotation marks the current sentence's speaker as uncertain ("probably Molotov"). */
  readonly speakerUncertain: boolean;
  /** Display names of the other voices in the current sentence, in order (the compiler's "wrote Kollontai"). */
  readonly otherSpeakerNames: readonly string[];
  /**
   * Id of the Editor's aside being read before the current sentence (the content notice's
   * sentence, a "probably…" aside, a note the reader asked for), or null.
   */
  readonly aside: string | null;
  /** Set in status `error`: show `error.message`. */
  readonly error: NarrationError | null;
  /** Overall speed, 0.5–2. */
  readonly rate: number;
}

/** Options of `new NarrationEngine(…)`. */
export interface NarrationEngineOptions {
  script: NarrationScript;
  /** The engine takes ownership: it cancels and disposes backends it is done with. */
  backend: NarrationBackend;
  cast: VoiceCast;
  /** Overall speed, clamped to 0.5–2 (default 1). */
  rate?: number;
  /** Volume, clamped to 0–1 (default 1). */
  volume?: number;
  /** Where Play starts (clamped). */
  startIndex?: number;
  /**
   * Prepare the backend right away (default true), so that the first `play()` can start speech
   * synchronously inside the user's click. A failure here is silent; Play retries and reports it.
   */
  preload?: boolean;
}

/** Receives the snapshot after every change. */
export type SnapshotListener = (snapshot: NarrationSnapshot) => void;
/**
 * Receives word boundaries: sentence id and offsets into its displayed text; `start` −1 (length 0)
 * when no word is being heard any more (a pause between words, the sentence's end).
 */
export type WordListener = (id: string, start: number, length: number) => void;

/** Lowest and highest overall speed. */
export const MIN_RATE = 0.5;
export const MAX_RATE = 2;

/** Clamps an overall speed to 0.5–2 (NaN → 1). */
export function clampRate(rate: number): number {
  if (Number.isNaN(rate)) return 1;
  return Math.min(MAX_RATE, Math.max(MIN_RATE, rate));
}

/** Clamps a volume to 0–1 (NaN → 1). */
export function clampVolume(volume: number): number {
  if (Number.isNaN(volume)) return 1;
  return Math.min(1, Math.max(0, volume));
}

/** Names of the voices of `item` other than its primary speaker, in order of first appearance. */
function otherSpeakers(item: NarrationItem, names: NarrationScript['speakerNames']): string[] {
  const others = [...new Set(item.spans.map((span) => span.speaker))].filter((speaker) => speaker !== item.speaker);
  return others.map((speaker) => names[speaker] ?? speaker);
}

/** Turns anything a backend rejected with into a NarrationError. */
function toNarrationError(err: unknown, fallback: NarrationError['code']): NarrationError {
  if (err instanceof NarrationError) return err;
  // An unexpected error: a message for people; its own text is for the console only.
  console.error('[narration] unexpected error:', err);
  const message =
    fallback === 'audio-failed'
      ? 'The recorded narration could not be played. The text is still here to read.'
      : 'Reading aloud stopped because of a speech error. Press Play to try again.';
  return new NarrationError(fallback, message);
}

/** The backend's preparation in flight or done. */
interface Preparation {
  backend: NarrationBackend;
  controller: AbortController;
}

/**
 * Reads the script aloud. The UI calls the public methods; all of them are safe in any status
 * (a control that makes no sense in the current status does nothing).
 *
 * Semantics the UI can rely on:
 * - `playing` is entered at `play()` (not at the first sound); `currentId` is the sentence
 *   being read. The first `play()` with an unprepared backend goes through `loading`.
 * - When the backend is prepared, speech starts synchronously inside `play()` (user gesture).
 * - `stop()` keeps the position: Play starts there again. `ended` → Play starts from the top.
 * - `seek`/`next`/`previous`/paragraph moves keep playing or paused; otherwise they only move.
 */
export class NarrationEngine {
  #script: NarrationScript;
  #backend: NarrationBackend;
  #cast: VoiceCast;
  #rate: number;
  #volume: number;
  #state: NarrationState;
  #snapshot: NarrationSnapshot | null = null;
  readonly #listeners = new Set<SnapshotListener>();
  readonly #wordListeners = new Set<WordListener>();
  readonly #startListeners = new Set<(id: string) => void>();
  /** The sentence being read (or natively paused), if any. */
  #sentence: AbortController | null = null;
  readonly #plan: AsidePlan;
  /** Index of the last sentence whose reading started in this visit (what "entering" a passage is measured from). */
  #lastRead: number | null = null;
  /** The asides still to read before the sentence of run `runId`. */
  #asides: { runId: number; index: number; queue: NarrationItem[] } | null = null;
  /** Asides the reader asked for (notes), read first at the next start of the current sentence. */
  #requested: NarrationItem[] = [];
  /** The aside sounding now, if any. */
  #currentAside: NarrationItem | null = null;
  readonly #asideListeners = new Set<(aside: NarrationItem) => void>();
  readonly #asideFailureListeners = new Set<(aside: NarrationItem, error: NarrationError) => void>();
  /** The backend accepted `pause()` for the current sentence: resume continues it. */
  #nativePaused = false;
  /** Rate or cast changed during a native pause: resume restarts the sentence instead. */
  #restartOnResume = false;
  #preparation: Preparation | null = null;
  /** Number of holds in force (kiosk prompts): no sound while above 0. */
  #holds = 0;
  #disposed = false;
  readonly #preload: boolean;

  constructor(options: NarrationEngineOptions) {
    this.#script = options.script;
    this.#plan = new AsidePlan(options.script);
    this.#backend = options.backend;
    this.#cast = options.cast;
    this.#rate = clampRate(options.rate ?? 1);
    this.#volume = clampVolume(options.volume ?? 1);
    this.#state = initialNarrationState(options.script.items.length, options.startIndex ?? 0);
    this.#preload = options.preload ?? true;
    if (this.#preload) this.#prepare();
  }

  /** The current picture of the narration (the same object until something changes). */
  get snapshot(): NarrationSnapshot {
    if (!this.#snapshot) {
      const { status, index, total, error } = this.#state;
      const item = total > 0 ? this.#script.items[index] : undefined;
      this.#snapshot = Object.freeze({
        status,
        index,
        total,
        currentId: item?.id ?? null,
        speaker: item?.speaker ?? null,
        speakerName: item ? (this.#script.speakerNames[item.speaker] ?? item.speaker) : null,
        speakerUncertain: item?.uncertain === true,
        otherSpeakerNames: item ? otherSpeakers(item, this.#script.speakerNames) : [],
        aside: this.#currentAside?.id ?? null,
        error,
        rate: this.#rate,
      });
    }
    return this.#snapshot;
  }

  /** The state as the reducer sees it (for tests and debugging). */
  get state(): Readonly<NarrationState> {
    return this.#state;
  }

  /** The volume, 0–1. */
  get volume(): number {
    return this.#volume;
  }

  /** The current backend. */
  get backend(): NarrationBackend {
    return this.#backend;
  }

  /**
   * Calls `listener` with the new snapshot after every visible change (status, position, error,
   * rate; not on subscribe, not for internal changes such as a restart). Returns unsubscribe.
   */
  subscribe(listener: SnapshotListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /**
   * Calls `listener` when the sound of a sentence really starts (the utterance's `start`, or the
   * audio clock reaching the sentence) — the moment to move the highlight. Returns unsubscribe.
   */
  onSentenceStart(listener: (id: string) => void): () => void {
    this.#startListeners.add(listener);
    return () => this.#startListeners.delete(listener);
  }

  /**
   * Calls `listener` when an Editor's aside starts sounding (the content notice before its passage,
   * a "probably…" aside, a note). Returns unsubscribe.
   */
  onAsideStart(listener: (aside: NarrationItem) => void): () => void {
    this.#asideListeners.add(listener);
    return () => this.#asideListeners.delete(listener);
  }

  /**
   * Calls `listener` when a recorded Editor's note could not be played (its clip or file is
   * missing): the narration skips it and reads on. Returns unsubscribe.
   */
  onAsideFailed(listener: (aside: NarrationItem, error: NarrationError) => void): () => void {
    this.#asideFailureListeners.add(listener);
    return () => this.#asideFailureListeners.delete(listener);
  }

  /**
   * While playing: stops the current sentence, reads `asides` (the sentence's notes) in the Editor's
   * voice, then reads the same sentence again from its start. Returns false (and does nothing)
   * when not playing or when `asides` is empty.
   */
  interject(asides: readonly NarrationItem[]): boolean {
    if (this.#state.status !== 'playing' || asides.length === 0 || this.#disposed) return false;
    this.#requested = [...asides];
    this.#dispatch({ type: 'restart' });
    return true;
  }

  /**
   * The content notice to read before sentence `id` when it is read alone (the kiosk's spoken help
   * reading the sentence that took focus): the notice's sentences when `id` is in a noticed passage
   * and `previousId` (the sentence read aloud before, or null) is outside it; else nothing.
   */
  noticeBefore(id: string, previousId: string | null): NarrationItem[] {
    const index = this.#indexOf(id);
    if (index < 0) return [];
    const previous = previousId === null ? -1 : this.#indexOf(previousId);
    return this.#plan.before(index, previous < 0 ? null : previous, { noticeOnly: true });
  }

  /** The notes (glossary entries) of sentence `id`, as asides to read. */
  notesOf(id: string): NarrationItem[] {
    const index = this.#indexOf(id);
    return index < 0 ? [] : this.#plan.notesOf(index);
  }

  /**
   * Forgets what was read in this visit (a new visitor): the content notice is read again before its
   * passage and "probably…" asides are said again.
   */
  forgetHistory(): void {
    this.#lastRead = null;
    this.#asides = null;
    this.#requested = [];
    this.#plan.reset();
  }

  /** Calls `listener` at every word the backend reports. Returns unsubscribe. */
  onWord(listener: WordListener): () => void {
    this.#wordListeners.add(listener);
    return () => this.#wordListeners.delete(listener);
  }

  /** Play: idle/error from the position, ended from the top, paused resumes, playing does nothing. */
  play(): void {
    this.#dispatch({ type: 'play' });
  }

  /** Plays from the sentence `id` (restarts it when it is the current one). Unknown ids are ignored. */
  playFrom(id: string): void {
    const index = this.#indexOf(id);
    if (index >= 0) this.#dispatch({ type: 'play', index });
  }

  /** Pauses (playing or loading → paused). */
  pause(): void {
    this.#dispatch({ type: 'pause' });
  }

  /** Play/pause: pauses when playing or loading, otherwise plays. */
  toggle(): void {
    if (this.#state.status === 'playing' || this.#state.status === 'loading') this.pause();
    else this.play();
  }

  /** Stops; the position is kept. */
  stop(): void {
    this.#dispatch({ type: 'stop' });
  }

  /** Next sentence (nothing on the last one). */
  next(): void {
    const { index, total } = this.#state;
    if (index < total - 1) this.#dispatch({ type: 'seek', index: index + 1 });
  }

  /** Previous sentence (nothing on the first one). */
  previous(): void {
    const { index } = this.#state;
    if (index > 0) this.#dispatch({ type: 'seek', index: index - 1 });
  }

  /** First sentence of the next block (nothing in the last block). */
  nextParagraph(): void {
    const items = this.#script.items;
    const { index } = this.#state;
    const here = items[index]?.paragraph;
    for (let i = index + 1; i < items.length; i++) {
      if (items[i]!.paragraph !== here) {
        this.#dispatch({ type: 'seek', index: i });
        return;
      }
    }
  }

  /** First sentence of the current block if not already on it, else of the previous block. */
  previousParagraph(): void {
    const { index } = this.#state;
    if (this.#script.items.length === 0) return;
    const start = this.#blockStart(index);
    if (start < index) this.#dispatch({ type: 'seek', index: start });
    else if (start > 0) this.#dispatch({ type: 'seek', index: this.#blockStart(start - 1) });
  }

  /** Moves to sentence `id` without changing play/pause (playing restarts there). Unknown ids are ignored. */
  seek(id: string): void {
    const index = this.#indexOf(id);
    if (index >= 0) this.#dispatch({ type: 'seek', index });
  }

  /** Sets the overall speed (clamped to 0.5–2); while playing, the current sentence restarts at it. */
  setRate(rate: number): void {
    const next = clampRate(rate);
    if (next === this.#rate || this.#disposed) return;
    this.#rate = next;
    this.#changedSettings();
  }

  /**
   * Sets the volume (clamped to 0–1). The backend changes the sound in place where it can (the
   * recording); otherwise, while playing, the current sentence restarts at the new volume.
   */
  setVolume(volume: number): void {
    const next = clampVolume(volume);
    if (next === this.#volume || this.#disposed) return;
    this.#volume = next;
    if (this.#sentence && this.#backend.setVolume?.(next)) return;
    if (this.#state.status === 'playing') this.#dispatch({ type: 'restart' });
    else if (this.#nativePaused) this.#restartOnResume = true;
  }

  /** Sets the voices; while playing, the current sentence restarts with them. */
  setCast(cast: VoiceCast): void {
    if (cast === this.#cast || this.#disposed) return;
    this.#cast = cast;
    this.#changedSettings();
  }

  /**
   * Replaces the backend (e.g. recorded audio after speech failed): the old one is cancelled
   * and disposed; the position and status are kept (playing goes through `loading` while the
   * new backend prepares, then continues at the current sentence).
   */
  setBackend(backend: NarrationBackend): void {
    if (backend === this.#backend || this.#disposed) return;
    const old = this.#backend;
    this.#abortSentence();
    old.cancel();
    this.#preparation?.controller.abort();
    this.#preparation = null;
    this.#backend = backend;
    this.#restartOnResume = false;
    try {
      old.dispose();
    } catch {
      // A backend that fails to clean up must not break the switch.
    }
    this.#dispatch({ type: 'backend', prepared: false });
    if (this.#preload) this.#prepare();
  }

  /**
   * Silences the narration for a moment (a kiosk's spoken prompt) without changing its status or
   * its place: the sentence sounding now is cut, nothing starts while held, and when the last
   * hold is released a narration that is still `playing` reads the current sentence again from
   * its start. Commands still work while held (Pause, Next…); their sound waits for the release.
   * Returns the release (calling it twice does nothing).
   */
  hold(): () => void {
    this.#holds += 1;
    if (this.#sentence) this.#abortSentence();
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.#holds -= 1;
      if (this.#holds === 0 && !this.#disposed && this.#state.status === 'playing' && !this.#sentence) this.#startSentence();
    };
  }

  /** Whether a hold is in force. */
  get held(): boolean {
    return this.#holds > 0;
  }

  /** Stops everything, disposes the backend and drops all listeners. The engine is unusable afterwards. */
  dispose(): void {
    if (this.#disposed) return;
    this.#abortSentence();
    this.#preparation?.controller.abort();
    this.#preparation = null;
    this.#backend.cancel();
    this.#backend.dispose();
    this.#listeners.clear();
    this.#wordListeners.clear();
    this.#startListeners.clear();
    this.#asideListeners.clear();
    this.#asideFailureListeners.clear();
    this.#disposed = true;
  }

  // --- internals -------------------------------------------------------------------------

  #indexOf(id: string): number {
    return this.#script.items.findIndex((item) => item.id === id);
  }

  /** Index of the first sentence of the block that contains sentence `index`. */
  #blockStart(index: number): number {
    const items = this.#script.items;
    const paragraph = items[index]?.paragraph;
    let i = index;
    while (i > 0 && items[i - 1]!.paragraph === paragraph) i--;
    return i;
  }

  #changedSettings(): void {
    if (this.#state.status === 'playing') this.#dispatch({ type: 'restart' });
    else if (this.#nativePaused) this.#restartOnResume = true;
    this.#snapshot = null;
    this.#emit();
  }

  /** Runs an action through the reducer, performs the effects of the transition, notifies. */
  #dispatch(action: NarrationAction): void {
    if (this.#disposed) return;
    const prev = this.#state;
    const next = narrationReducer(prev, action);
    if (next === prev) return;
    this.#state = next;
    const visible = next.status !== prev.status || next.index !== prev.index || next.error !== prev.error;
    if (visible) this.#snapshot = null;
    this.#effects(prev, next);
    if (visible) this.#emit();
  }

  #effects(prev: NarrationState, next: NarrationState): void {
    const newRun = next.runId !== prev.runId;

    // Leaving the current sentence: a new run, or a status without a sentence.
    if (newRun || (next.status !== 'playing' && next.status !== 'paused')) this.#abortSentence();

    // Pausing a sentence in flight: natively when the backend can, else abort (restart on resume).
    if (!newRun && prev.status === 'playing' && next.status === 'paused' && this.#sentence) {
      if (this.#backend.pause()) this.#nativePaused = true;
      else this.#abortSentence();
    }

    if (next.status === 'playing' && (newRun || prev.status !== 'playing')) {
      const canContinue = !newRun && prev.status === 'paused' && this.#sentence && this.#nativePaused;
      if (canContinue && !this.#restartOnResume && this.#backend.resume()) {
        this.#nativePaused = false;
      } else {
        this.#abortSentence();
        this.#startSentence();
      }
    }

    if (next.status === 'loading') this.#prepare();
  }

  /** Aborts the sentence in flight (if any) and silences the backend. */
  #abortSentence(): void {
    this.#nativePaused = false;
    this.#restartOnResume = false;
    if (this.#currentAside) {
      this.#currentAside = null;
      this.#snapshot = null;
    }
    const sentence = this.#sentence;
    if (!sentence) return;
    this.#sentence = null;
    sentence.abort();
    this.#backend.cancel();
  }

  /**
   * Starts reading the sentence at the state's index, synchronously (user-gesture safe): first the
   * asides planned for it in this run (the notice when entering its passage, a "probably…" aside,
   * notes the reader asked for), one at a time, then the sentence itself.
   */
  #startSentence(): void {
    if (this.#holds > 0) return; // the release starts it
    const { runId, index } = this.#state;
    const item = this.#script.items[index];
    if (!item) return;
    if (!this.#asides || this.#asides.runId !== runId || this.#asides.index !== index) {
      const requested = this.#requested.splice(0);
      this.#asides = { runId, index, queue: [...requested, ...this.#plan.before(index, this.#lastRead)] };
    }
    const asides = this.#asides;
    const aside = asides.queue[0] ?? null;
    const reading = aside ?? item;
    // A notice counts as read once it has been heard to its end (a notice cut short by Next does not).
    if (!aside && !this.#plan.isNotice(item.id)) this.#lastRead = index;
    this.#setAside(aside);
    const controller = new AbortController();
    const { signal } = controller;
    this.#sentence = controller;
    const backend = this.#backend;
    const live = () => !signal.aborted && this.#sentence === controller && !this.#disposed;

    let done: Promise<void>;
    try {
      done = backend.readSentence(
        reading,
        { rate: this.#rate, cast: this.#cast, volume: this.#volume },
        {
          onStart: () => {
            // No state changes here (`playing` began at play()); listeners move the highlight.
            if (!live()) return;
            if (aside) for (const listener of [...this.#asideListeners]) listener(aside);
            if (!aside || aside.index >= 0) for (const listener of [...this.#startListeners]) listener(reading.id);
          },
          onWord: (start, length) => {
            if (live() && !aside) this.#emitWord(item.id, start, length);
          },
          onWordEnd: () => {
            if (live() && !aside) this.#emitWord(item.id, -1, 0);
          },
        },
        signal,
      );
    } catch (err) {
      done = Promise.reject(err);
    }
    done.then(
      () => {
        if (!live()) return;
        this.#sentence = null;
        if (aside) {
          asides.queue.shift();
          this.#plan.read(aside);
          if (aside.index >= 0) this.#lastRead = aside.index;
          this.#startSentence();
          return;
        }
        this.#lastRead = index;
        this.#dispatch({ type: 'finished', runId });
      },
      (err: unknown) => {
        if (!live()) return;
        this.#sentence = null;
        const error = toNarrationError(err, this.#failureCode(backend));
        if (aside && aside.index < 0 && backend.kind === 'recorded') {
          // A note's clip that cannot play (its file missing): say so and read on; the text is what matters.
          asides.queue.shift();
          this.#plan.read(aside);
          for (const listener of [...this.#asideFailureListeners]) listener(aside, error);
          this.#startSentence();
          return;
        }
        this.#setAside(null);
        this.#dispatch({ type: 'fail', runId, error });
      },
    );
  }

  /** Marks `aside` as the one sounding now (or none) and tells listeners when that changes. */
  #setAside(aside: NarrationItem | null): void {
    if (this.#currentAside === aside) return;
    this.#currentAside = aside;
    this.#snapshot = null;
    this.#emit();
  }

  #failureCode(backend: NarrationBackend): NarrationError['code'] {
    return backend.kind === 'recorded' ? 'audio-failed' : 'synthesis-failed';
  }

  /**
   * Gets the backend ready now (loads the recording's player and file; device voices are usually
   * ready already), so a Play that follows starts without the loading wait. Idempotent; silent.
   */
  warmUp(): void {
    if (!this.#disposed) this.#prepare();
  }

  /** Prepares the current backend once; `ready` or `fail` when it settles (if still relevant). */
  #prepare(): void {
    if (this.#preparation && this.#preparation.backend === this.#backend) return;
    const backend = this.#backend;
    const preparation: Preparation = { backend, controller: new AbortController() };
    this.#preparation = preparation;
    const relevant = () => this.#preparation === preparation && !preparation.controller.signal.aborted && !this.#disposed;
    let preparing: Promise<void>;
    try {
      preparing = backend.prepare(preparation.controller.signal);
    } catch (err) {
      preparing = Promise.reject(err);
    }
    preparing.then(
      () => {
        if (relevant()) this.#dispatch({ type: 'ready' });
      },
      (err: unknown) => {
        if (!relevant()) return;
        this.#preparation = null; // the next Play tries again
        if (this.#state.status === 'loading') {
          this.#dispatch({ type: 'fail', runId: this.#state.runId, error: toNarrationError(err, this.#failureCode(backend)) });
        }
      },
    );
  }

  #emit(): void {
    if (this.#listeners.size === 0) return;
    const snapshot = this.snapshot;
    for (const listener of [...this.#listeners]) {
      try {
        listener(snapshot);
      } catch (err) {
        queueMicrotask(() => {
          throw err;
        });
      }
    }
  }

  #emitWord(id: string, start: number, length: number): void {
    for (const listener of [...this.#wordListeners]) {
      try {
        listener(id, start, length);
      } catch (err) {
        queueMicrotask(() => {
          throw err;
        });
      }
    }
  }
}
