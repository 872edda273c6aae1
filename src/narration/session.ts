/**
 * A narration session: the engine plus everything around it that the reader chooses and keeps —
 * device voice or recorded narration (with automatic fallback to the recording, at the same
 * sentence, when device speech fails), speed, a voice per speaker (casting recomputed when voices
 * arrive), options, the saved position, and short voice previews. Pure: the backends and the
 * stores carry the platform objects.
 */
import type { SpeakerId } from '../content/model.ts';
import { DEFAULT_CAST_FILE, castVoices, usableVoices, type CastFile } from './casting.ts';
import { NarrationEngine, clampRate } from './engine.ts';
import {
  defaultNarrationPreferences,
  normalizeVolume,
  type NarrationPreferences,
  type NarrationStore,
  type PositionStore,
} from './preferences.ts';
import type { NarrationBackend, NarrationItem, NarrationScript, VoiceAssignment, VoiceCast, VoiceInfo } from './types.ts';
import { LazyBackend } from './backends/lazy-backend.ts';
import { FALLBACK_NOTICE, initialSource, noticeLeadMs, shouldFallBack, type NarrationSource } from './narration-source.ts';

/** A backend that can list its voices (the Web Speech backend does). */
export interface VoicedBackend extends NarrationBackend {
  readonly voices: VoiceInfo[];
  onVoicesChanged?(listener: () => void): () => void;
}

/** Options of `new NarrationSession(…)`. */
export interface NarrationSessionOptions {
  script: NarrationScript;
  /** Creates a device-speech backend (called again after a switch away disposed the last one). */
  createDeviceBackend: () => VoicedBackend;
  /** Loads the recorded-narration backend (code and audio are fetched only when it prepares). */
  loadRecordedBackend: () => Promise<NarrationBackend>;
  /** Whether this browser has speech synthesis at all. */
  speechAvailable: boolean;
  /** A source forced by the page (URL parameter, embed attribute): no fallback away from it. */
  forcedSource?: NarrationSource | null;
  preferences: NarrationStore;
  positions: PositionStore;
  castFile?: CastFile;
  /** Sentence where Play starts (a deep link); default the first. */
  startId?: string | null;
}

/** The boolean options a reader can switch. */
export type NarrationOption = 'shortcuts' | 'followAlong' | 'tabToSentences';

/** Owns the engine and the reader's narration choices for one visit. */
export class NarrationSession {
  /** The engine (state, commands). */
  readonly engine: NarrationEngine;
  readonly script: NarrationScript;
  #device: VoicedBackend;
  #source: NarrationSource;
  #notice: string | null = null;
  readonly #forced: NarrationSource | null;
  readonly #speechAvailable: boolean;
  readonly #loadRecorded: () => Promise<NarrationBackend>;
  readonly #createDevice: () => VoicedBackend;
  #preferences: NarrationPreferences;
  #cast: VoiceCast;
  readonly #store: NarrationStore;
  readonly #positions: PositionStore;
  readonly #castFile: CastFile;
  readonly #listeners = new Set<() => void>();
  readonly #cleanups: Array<() => void> = [];
  #preview: AbortController | null = null;
  /** A second recorded backend for single sentences (kiosk prompts), loaded on first use. */
  #clipBackend: NarrationBackend | null = null;
  /** The sentence last read aloud on its own (kiosk spoken help), for the notice on entering its passage. */
  #readAloudLast: string | null = null;
  /** Notes being read while the narration is not playing. */
  #notes: AbortController | null = null;
  /** The sentence last read or paused on in this visit (what Stop returns focus to). */
  #position: string | null = null;
  /** Stops listening to the current device backend's voice list. */
  #unwatchVoices: (() => void) | null = null;

  constructor(options: NarrationSessionOptions) {
    this.script = options.script;
    this.#store = options.preferences;
    this.#positions = options.positions;
    this.#castFile = options.castFile ?? DEFAULT_CAST_FILE;
    this.#forced = options.forcedSource ?? null;
    this.#speechAvailable = options.speechAvailable;
    this.#loadRecorded = options.loadRecordedBackend;
    this.#createDevice = options.createDeviceBackend;
    this.#preferences = this.#store.load();
    this.#device = this.#createDevice();
    this.#watchVoices(this.#device);
    this.#cast = castVoices(this.#device.voices, this.#castFile, this.#preferences.voices);
    this.#source = initialSource({
      forced: this.#forced,
      preference: this.#preferences.source,
      speechAvailable: options.speechAvailable,
    });
    const startIndex = Math.max(0, options.startId ? this.indexOf(options.startId) : 0);
    this.engine = new NarrationEngine({
      script: options.script,
      backend: this.#source === 'device' ? this.#device : this.#recordedBackend(),
      cast: this.#cast,
      rate: this.#preferences.rate,
      volume: this.#preferences.volume,
      startIndex,
      // Device voices load early (they are slow on some systems); recorded audio waits for Play.
      preload: this.#source === 'device',
    });
    this.#cleanups.push(
      this.engine.subscribe((snapshot) => {
        if ((snapshot.status === 'playing' || snapshot.status === 'paused') && snapshot.currentId) {
          this.#position = snapshot.currentId;
          this.#positions.save(snapshot.currentId);
        }
        if (snapshot.status === 'error' && snapshot.error && shouldFallBack(snapshot.error, this.#source, this.#forced)) {
          this.#switchTo('recorded', FALLBACK_NOTICE);
          // The notice is announced first; the recording (loading meanwhile) waits until it is said.
          const release = this.engine.hold();
          this.engine.play();
          const timer = setTimeout(release, noticeLeadMs(FALLBACK_NOTICE));
          this.#cleanups.push(() => clearTimeout(timer));
        }
      }),
    );
  }

  /** Readies whichever source reads now (the reader is reaching for Play): see `NarrationEngine.warmUp`. */
  warmUp(): void {
    this.engine.warmUp();
  }

  /** The sentence last read or paused on in this visit, or null (nothing read yet, or after a reset). */
  get position(): string | null {
    return this.#position;
  }

  /** Device voice or recorded narration, whichever reads now. */
  get source(): NarrationSource {
    return this.#source;
  }

  /**
   * Whether the device voice can take over after the recording failed: the recording reads, the
   * page did not force it, and this browser has speech synthesis.
   */
  get canOfferDeviceVoice(): boolean {
    return this.#source === 'recorded' && this.#forced === null && this.#speechAvailable;
  }

  /** Whether the page forced the source (then the reader cannot switch). */
  get sourceForced(): boolean {
    return this.#forced !== null;
  }

  /** A short notice for the reader (e.g. the switch to recorded narration), or null. */
  get notice(): string | null {
    return this.#notice;
  }

  /** Chooses device voice or recorded narration, keeps the choice, and continues at the same sentence. */
  setSource(source: NarrationSource): void {
    this.#update({ ...this.#preferences, source });
    if (source !== this.#source) this.#switchTo(source, null);
  }

  /** The reader's narration preferences. */
  get preferences(): Readonly<NarrationPreferences> {
    return this.#preferences;
  }

  /** The voice of every speaker. */
  get cast(): Readonly<VoiceCast> {
    return this.#cast;
  }

  /** Voices a reader may pick from (English, no novelty voices). */
  get voices(): VoiceInfo[] {
    return usableVoices(this.#device.voices);
  }

  /** Position of sentence `id` in reading order, or -1. */
  indexOf(id: string): number {
    return this.script.items.findIndex((item) => item.id === id);
  }

  /** Calls `listener` when preferences or the cast change (not on engine changes: see `engine.subscribe`). */
  subscribe(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Sets the overall speed (0.5–2) and keeps it. */
  setRate(rate: number): void {
    this.#update({ ...this.#preferences, rate: clampRate(rate) });
    this.engine.setRate(this.#preferences.rate);
  }

  /** Sets the narration volume (0–1, in 0.1 steps) and keeps it. */
  setVolume(volume: number): void {
    this.#update({ ...this.#preferences, volume: normalizeVolume(volume) ?? this.#preferences.volume });
    this.engine.setVolume(this.#preferences.volume);
  }

  /**
   * Back to a first visit (a kiosk's idle reset): stops, forgets the stored preferences and the
   * saved position, and puts speed, volume, voices, options, source and position back to the
   * defaults (a source forced by the page stays). Nothing is spoken.
   */
  reset(): void {
    this.#preview?.abort();
    this.engine.stop();
    this.#store.clear();
    this.#positions.clear();
    this.#position = null;
    this.#preferences = defaultNarrationPreferences();
    this.#notice = null;
    this.#notes?.abort();
    this.#readAloudLast = null;
    this.engine.forgetHistory();
    const source = initialSource({ forced: this.#forced, preference: 'auto', speechAvailable: this.#speechAvailable });
    if (source !== this.#source) this.#switchTo(source, null);
    this.engine.setRate(this.#preferences.rate);
    this.engine.setVolume(this.#preferences.volume);
    this.#recast();
    const first = this.script.items[0];
    if (first) this.engine.seek(first.id);
  }

  /** Chooses a voice for `speaker` by name (null = automatic) and keeps the choice. */
  setVoice(speaker: SpeakerId, voiceName: string | null): void {
    const voices = { ...this.#preferences.voices };
    if (voiceName) voices[speaker] = voiceName;
    else delete voices[speaker];
    this.#update({ ...this.#preferences, voices });
    this.#recast();
  }

  /** Switches one of the boolean options and keeps it. */
  setOption(option: NarrationOption, value: boolean): void {
    this.#update({ ...this.#preferences, [option]: value });
  }

  /**
   * Reads a short sample in `speaker`'s voice (or in `voiceName`). Stops the narration first,
   * keeping its position, because both share one synthesizer.
   */
  async preview(speaker: SpeakerId, voiceName: string | null = null): Promise<void> {
    const status = this.engine.snapshot.status;
    if (status === 'playing' || status === 'paused' || status === 'loading') this.engine.stop();
    this.#preview?.abort();
    const controller = new AbortController();
    this.#preview = controller;
    const cast = voiceName
      ? castVoices(this.#device.voices, this.#castFile, { ...this.#preferences.voices, [speaker]: voiceName })
      : this.#cast;
    await this.#device.prepare(controller.signal);
    await this.#device.readSentence(
      this.#sample(speaker),
      { rate: this.#preferences.rate, cast, volume: this.#preferences.volume },
      { onStart: () => undefined },
      controller.signal,
    );
  }

  /**
   * Reads one sentence outside the narration (the kiosk's spoken help reading the sentence that
   * took focus): in its speakers' device voices, or its clip of the recording. The engine's place
   * and status are untouched; the caller holds the engine meanwhile. Rejects with a
   * NarrationError when the source fails; resolves quietly when `signal` aborts.
   */
  async readSentenceAloud(id: string, source: NarrationSource, signal: AbortSignal, onStart?: () => void): Promise<void> {
    const item = this.script.items.find((candidate) => candidate.id === id);
    if (!item) return;
    const backend = source === 'device' ? this.#device : (this.#clipBackend ??= this.#recordedBackend());
    const options = { rate: this.#preferences.rate, cast: this.#cast, volume: this.#preferences.volume };
    // Entering the noticed passage sentence by sentence: the Editor reads the notice first.
    const previous = this.#readAloudLast ?? this.#position;
    for (const notice of this.engine.noticeBefore(id, previous)) {
      await this.#readAlone(backend, notice, options, signal);
      if (signal.aborted) return;
      this.#readAloudLast = notice.id;
    }
    await this.#readAlone(backend, item, options, signal, onStart);
    if (!signal.aborted) this.#readAloudLast = id;
  }

  /**
   * "Notes for this sentence": the Editor reads the glossary entries and notes attached to the
   * current sentence. While playing, the sentence stops, the notes are read, and the narration
   * reads the same sentence again from its start. Otherwise the notes are read in the current
   * source (device voice or their recorded clips) and the narration keeps its place and status.
   * Resolves `'none'` at once when the sentence has no notes; rejects like `readSentenceAloud`.
   */
  async readNotes(onStart?: (asideId: string) => void): Promise<'read' | 'none'> {
    const { engine } = this;
    const id = engine.snapshot.currentId;
    const notes = id ? engine.notesOf(id) : [];
    if (notes.length === 0) return 'none';
    if (engine.interject(notes)) return 'read';
    this.#notes?.abort();
    const controller = new AbortController();
    this.#notes = controller;
    const release = engine.hold();
    const stop = engine.subscribe(() => controller.abort()); // any command takes over
    try {
      const backend = this.#source === 'device' ? this.#device : (this.#clipBackend ??= this.#recordedBackend());
      const options = { rate: this.#preferences.rate, cast: this.#cast, volume: this.#preferences.volume };
      for (const note of notes) {
        if (controller.signal.aborted) break;
        await this.#readAlone(backend, note, options, controller.signal, () => onStart?.(note.id));
      }
    } finally {
      stop();
      release();
      if (this.#notes === controller) this.#notes = null;
    }
    return 'read';
  }

  /** Stops notes read outside the narration (the reader pressed something else). */
  stopNotes(): void {
    this.#notes?.abort();
  }

  /**
   * Says interface words in the device voice (the kiosk's spoken help): one voice for all of
   * them, the reader's volume, at `rate` (1 = normal). Same failures as the narration's device voice.
   */
  async sayWithDevice(text: string, rate: number, signal: AbortSignal, onStart?: () => void): Promise<void> {
    const promptVoice = this.#promptVoice();
    const cast = Object.fromEntries(Object.keys(this.#cast).map((speaker) => [speaker, promptVoice])) as VoiceCast;
    const item: NarrationItem = {
      id: 'prompt',
      index: -1,
      speaker: 'editor',
      paragraph: 'prompt',
      section: 'prompt',
      text,
      spans: [{ speaker: 'editor', text, displayStart: 0, displayText: text }],
    };
    await this.#readAlone(this.#device, item, { rate, cast, volume: this.#preferences.volume }, signal, onStart);
  }

  /**
   * The voice of interface words: one the cast does not use (the device's default first), so the
   * speaker's name and their sentence sound apart; where every voice is cast, the narrator's
   * voice at a higher pitch.
   */
  #promptVoice(): VoiceAssignment {
    const cast = Object.values(this.#cast);
    const used = new Set(cast.map((v) => v.voiceURI));
    const voices = usableVoices(this.#device.voices);
    const free = [...voices].sort((a, b) => Number(b.default) - Number(a.default)).find((v) => !used.has(v.voiceURI));
    if (free) return { voiceURI: free.voiceURI, voiceName: free.name, lang: free.lang, rate: 1, pitch: 1 };
    const narrator = this.#cast.narrator;
    const pitches = new Set(cast.filter((v) => v.voiceURI === narrator.voiceURI).map((v) => v.pitch));
    const pitch = [1.3, 1.45, 0.75, 0.6].find((p) => !pitches.has(p)) ?? 1.3;
    return { ...narrator, rate: 1, pitch };
  }

  async #readAlone(
    backend: NarrationBackend,
    item: NarrationItem,
    options: { rate: number; cast: VoiceCast; volume: number },
    signal: AbortSignal,
    onStart?: () => void,
  ): Promise<void> {
    if (signal.aborted) return;
    const onAbort = () => backend.cancel();
    signal.addEventListener('abort', onAbort, { once: true });
    try {
      await backend.prepare(signal);
      if (signal.aborted) return;
      await backend.readSentence(item, options, { onStart: () => onStart?.() }, signal);
      // The recording flows on into the next sentence unless stopped; an utterance simply ends.
      if (!signal.aborted && backend !== this.#device) backend.cancel();
    } catch (error) {
      if (!signal.aborted) throw error;
    } finally {
      signal.removeEventListener('abort', onAbort);
    }
  }

  /** Stops everything and releases listeners. */
  dispose(): void {
    this.#notes?.abort();
    this.#clipBackend?.dispose();
    this.#clipBackend = null;
    this.#preview?.abort();
    for (const cleanup of this.#cleanups.splice(0)) cleanup();
    this.#unwatchVoices?.();
    this.#listeners.clear();
    // The spare device backend (kept for voices and previews while the recording reads) is ours.
    if (this.engine.backend !== this.#device) this.#device.dispose();
    this.engine.dispose();
  }

  #update(preferences: NarrationPreferences): void {
    this.#preferences = preferences;
    this.#store.save(preferences);
    for (const listener of this.#listeners) listener();
  }

  #recordedBackend(): NarrationBackend {
    return new LazyBackend('recorded', this.#loadRecorded);
  }

  #watchVoices(device: VoicedBackend): void {
    this.#unwatchVoices?.();
    this.#unwatchVoices = device.onVoicesChanged?.(() => this.#recast()) ?? null;
  }

  /** Hands the engine the other backend; the engine keeps the position and the status. */
  #switchTo(source: NarrationSource, notice: string | null): void {
    this.#source = source;
    this.#notice = notice;
    if (source === 'device') {
      // The spare device backend (alive, its voices known) reads now; the engine disposes the recording.
      this.engine.setBackend(this.#device);
      this.#recast();
    } else {
      // The engine disposes the device backend it owned: keep a fresh one for voices and previews.
      const handedOver = this.engine.backend === this.#device;
      this.engine.setBackend(this.#recordedBackend());
      if (handedOver) {
        this.#device = this.#createDevice();
        this.#watchVoices(this.#device);
      }
    }
    for (const listener of this.#listeners) listener();
  }

  #recast(): void {
    this.#cast = castVoices(this.#device.voices, this.#castFile, this.#preferences.voices);
    this.engine.setCast(this.#cast);
    for (const listener of this.#listeners) listener();
  }

  /** The speaker's first short line of the text, or a plain introduction. */
  #sample(speaker: SpeakerId): NarrationItem {
    const name = this.script.speakerNames[speaker] ?? speaker;
    const line = this.script.items
      .flatMap((item) => item.spans)
      .find((span) => span.speaker === speaker && span.text.length >= 12 && span.text.length <= 110);
    const text = line?.text ?? `This is the voice for ${name}.`;
    return {
      id: `preview-${speaker}`,
      index: -1,
      speaker,
      paragraph: 'preview',
      section: 'preview',
      text,
      spans: [{ speaker, text, displayStart: 0, displayText: text }],
    };
  }
}
