/**
 * The Lit glue between the root element and the narration: loads the session on demand (its own
 * chunk), turns page input into commands (clicks and Enter/Space on sentences, Alt+Shift
 * shortcuts, `#<sentence id>` links, Media Session keys), keeps the highlight on the sentence
 * being read, and exposes a view the controls render. Listeners are added in hostConnected and
 * removed in hostDisconnected.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { SpeakerId } from '../content/model.ts';
import type { NarrationView } from '../components/narration-controls/narration-controls.ts';
import { speakerLabel, type NarrationCommand } from '../components/narration-controls/events.ts';
import { frontModalDialog } from '../kiosk/focus.ts';
import type { NarrationSession, NarrationOption } from '../narration/session.ts';
import {
  createNarrationStore,
  createPositionStore,
  defaultNarrationPreferences,
  normalizeVolume,
  type NarrationPreferences,
  type NarrationStore,
  type PositionStore,
  type SavedPosition,
} from '../narration/preferences.ts';
import { matchShortcut, type ShortcutCommand } from '../narration/shortcuts.ts';
import { SentenceHighlighter } from '../ui/sentence-highlighter.ts';
import { hashTarget } from '../page/page-options.ts';

/** How the controller reaches the page and the session. */
export interface NarrationControllerOptions {
  /**
   * Creates the session (dynamic import + fetch); `startId` is a deep-linked sentence. The session
   * keeps preferences and the position in `stores`, the controller's own (one of each per page).
   */
  loadSession: (startId: string | null, stores: { preferences: NarrationStore; positions: PositionStore }) => Promise<NarrationSession>;
  getStorage: () => Storage | undefined;
  reduceMotion: () => boolean;
  /** Opens the keyboard-shortcuts help (Alt+Shift+H). */
  openHelp: () => void;
  /** Height of the sticky toolbar, so the highlight is not scrolled under it. */
  topInset: () => number;
  /** The reader's "Highlight each word" setting (default: on). */
  highlightWords?: () => boolean;
}

const SENTENCE = '.ne-s';

/** Puts `text` on the clipboard: the async Clipboard API, else a hidden textarea and `execCommand('copy')`. */
async function copyText(text: string): Promise<void> {
  if (navigator.clipboard?.writeText) {
    try {
      await navigator.clipboard.writeText(text);
      return;
    } catch {
      // Refused (no permission, not focused): try the old way.
    }
  }
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.cssText = 'position:fixed;inset-inline-start:-9999px;opacity:0';
  const previous = document.activeElement as HTMLElement | null;
  document.body.append(area);
  area.select();
  const copied = document.execCommand?.('copy') ?? false;
  area.remove();
  previous?.focus?.({ preventScroll: true });
  if (!copied) throw new Error('copy refused');
}
const RATE_STEP = 0.25;

/** Narration state and commands for the root element. */
export class NarrationController implements ReactiveController {
  /** The session, once loaded. */
  session: NarrationSession | null = null;
  /** A load or setup failure to show (the text stays usable). */
  loadError: string | null = null;
  /** Saved position from an earlier visit, until narration starts in this one. */
  savedPosition: (SavedPosition & { index: number }) | null = null;

  readonly #host: ReactiveControllerHost & HTMLElement;
  readonly #options: NarrationControllerOptions;
  readonly #highlighter: SentenceHighlighter;
  /** The stores the session will use too: read here only until it loads. */
  readonly #store: NarrationStore;
  readonly #positions: PositionStore;
  #loading: Promise<NarrationSession | null> | null = null;
  #abort: AbortController | null = null;
  #unsubscribe: Array<() => void> = [];
  /** The stored preferences, for the moments before the session exists (or when it cannot load). */
  #storedPreferences: NarrationPreferences;
  /** A command is waiting for the session to load (show "Loading…" only then). */
  #waiting = false;
  /** Stopped, or moved while idle: the place stays highlighted (and visible) until the reader moves on. */
  #placeKept = false;
  /** The reader's keyboard layout (Keyboard Map API, where the browser has it): each key's own character. */
  #layoutMap: { get(code: string): string | undefined } | null = null;
  /** The last short message for the reader (announced politely by the controls), with a serial so a repeat is re-read. */
  #message: { text: string; serial: number } | null = null;

  constructor(host: ReactiveControllerHost & HTMLElement, options: NarrationControllerOptions) {
    this.#host = host;
    this.#options = options;
    this.#store = createNarrationStore(options.getStorage);
    this.#positions = createPositionStore(options.getStorage);
    this.#storedPreferences = this.#store.load();
    this.#highlighter = new SentenceHighlighter(host, {
      followAlong: () => this.preferences.followAlong,
      reduceMotion: options.reduceMotion,
      topInset: options.topInset,
      highlightWords: options.highlightWords,
    });
    host.addController(this);
  }

  /** The reader's narration preferences (stored ones until the session loads). */
  get preferences(): NarrationPreferences {
    return this.session?.preferences ?? this.#storedPreferences;
  }

  /** After a recording fault: whether the controls offer to read on with the device voice. */
  get offerDeviceVoice(): boolean {
    const session = this.session;
    return !!session && session.engine.snapshot.status === 'error' && session.canOfferDeviceVoice;
  }

  /** The sentence being read or paused on (what the highlight shows), from the session; else null. */
  get currentSentenceId(): string | null {
    const snapshot = this.session?.engine.snapshot;
    return snapshot && (snapshot.status === 'playing' || snapshot.status === 'paused') ? snapshot.currentId : null;
  }

  /** A short message for the reader ("Link copied", "No notes for this sentence"), or null. */
  get message(): { text: string; serial: number } | null {
    return this.#message;
  }

  /** What the controls render. */
  get view(): NarrationView {
    const snapshot = this.session?.engine.snapshot;
    if (snapshot) {
      const notes = snapshot.currentId ? this.session!.engine.notesOf(snapshot.currentId).length : 0;
      return { ...snapshot, notes };
    }
    // Before the narration has loaded, the page itself says where reading would start and who speaks.
    const sentences = this.#sentences();
    const deepLink = this.#deepLinkId();
    const index = deepLink ? Math.max(0, this.#indexOf(deepLink)) : 0;
    const sentence = sentences[index];
    const speaker = (sentence?.closest('[data-speaker]')?.getAttribute('data-speaker') ?? null) as SpeakerId | null;
    const speakerName = speaker
      ? (this.#host.querySelector(`.ne-cast-list [data-speaker="${CSS.escape(speaker)}"] dt`)?.textContent?.trim() ?? null)
      : null;
    return {
      status: this.loadError ? 'error' : this.#waiting ? 'loading' : 'idle',
      index,
      total: sentences.length,
      currentId: null,
      speaker: speakerName ? speaker : null,
      speakerName,
      speakerUncertain: sentence?.hasAttribute('data-uncertain') ?? false,
      error: this.loadError ? { code: 'load-failed', message: this.loadError } : null,
      rate: this.#storedPreferences.rate,
    };
  }

  /** Tells the reader `text` (politely, through the controls' status region). */
  #say(text: string): void {
    this.#message = { text, serial: (this.#message?.serial ?? 0) + 1 };
    this.#host.requestUpdate();
  }

  hostConnected(): void {
    this.#abort = new AbortController();
    const { signal } = this.#abort;
    this.#host.addEventListener('click', this.#onClick, { signal });
    document.addEventListener('keydown', this.#onKeydown, { signal });
    window.addEventListener('hashchange', this.#onHashChange, { signal });
    const saved = this.#positions.load();
    const index = saved ? this.#indexOf(saved.id) : -1;
    this.savedPosition = saved && index > 0 ? { ...saved, index } : null;
    this.#applyTabToSentences(this.#storedPreferences.tabToSentences);
    this.#setUpMediaSession();
    // Ask for the device's voices now: some systems list them slowly. Costs nothing to download.
    (globalThis as { speechSynthesis?: SpeechSynthesis }).speechSynthesis?.getVoices?.();
    // The narration (its code and edition.json, ~35 KB) loads when the reader reaches for it, not
    // with every visit: the pointer over the reader bar, a touch, a press or focus on it, or on a
    // sentence, loads the session and readies the source (for the recording: its player and the
    // start of the file), so Play finds everything ready. A kiosk, which narrates for every
    // visitor, loads it as soon as the page is idle.
    const warm = () => void this.ensureSession().then((session) => session?.warmUp());
    const bar = this.#host.querySelector('#reader-controls') ?? this.#host;
    for (const type of ['pointerover', 'pointerdown', 'focusin'] as const) bar.addEventListener(type, warm, { signal, once: true, passive: true });
    // The pointer (or focus) may have reached the bar while the page was still starting: no new
    // event would come until it moves, so look now.
    if (bar.matches(':hover, :focus-within')) warm();
    const text = this.#host.querySelector('main') ?? this.#host;
    for (const type of ['pointerdown', 'focusin'] as const) {
      text.addEventListener(type, (event) => (event.target as Element | null)?.closest?.(SENTENCE) && warm(), { signal, passive: true });
    }
    if (this.#host.hasAttribute('kiosk')) {
      const idle = (globalThis as { requestIdleCallback?: (cb: () => void, o?: { timeout: number }) => number }).requestIdleCallback;
      if (idle) idle(() => void this.ensureSession(), { timeout: 3000 });
      else setTimeout(() => void this.ensureSession(), 1500);
    }
    if (typeof navigator !== 'undefined') {
      const keyboard = (navigator as { keyboard?: { getLayoutMap?: () => Promise<{ get(code: string): string | undefined }> } }).keyboard;
      // Not in every browser, nor in every frame: without it, keys are read as they come (shortcuts.ts).
      keyboard?.getLayoutMap?.().then((map) => (this.#layoutMap = map), () => undefined);
    }
  }

  hostDisconnected(): void {
    this.#abort?.abort();
    this.#abort = null;
    for (const unsubscribe of this.#unsubscribe.splice(0)) unsubscribe();
    this.#highlighter.highlight(null);
    this.session?.dispose();
    this.session = null;
    this.#loading = null;
  }

  /** Loads the session once; null (with `loadError` set) when it cannot load. */
  ensureSession(): Promise<NarrationSession | null> {
    this.#loading ??= this.#options
      .loadSession(this.#deepLinkId(), { preferences: this.#store, positions: this.#positions })
      .then((session) => {
        if (!this.#abort) {
          session.dispose();
          return null;
        }
        this.session = session;
        this.#unsubscribe.push(
          session.engine.subscribe(() => this.#onEngineChange()),
          session.engine.onWord((id, start, length) =>
            start < 0 ? this.#highlighter.clearWord() : this.#highlighter.highlightWord(id, start, length),
          ),
          session.engine.onSentenceStart((id) => this.#highlight(id)),
          session.engine.onAsideFailed(() => this.#say('An editor’s note could not be played; reading goes on.')),
          session.subscribe(() => {
            this.#applyTabToSentences(session.preferences.tabToSentences);
            this.#host.requestUpdate();
          }),
        );
        // For tests and the benchmark: the narration is loaded (nothing else reads this).
        this.#host.setAttribute('data-narration', 'ready');
        this.#host.requestUpdate();
        return session;
      })
      .catch((error: Error) => {
        this.loadError = error.message;
        this.#host.requestUpdate();
        return null;
      });
    this.#host.requestUpdate();
    return this.#loading;
  }

  /** Carries out a command from the controls, a shortcut or a media key. */
  async command(command: NarrationCommand | ShortcutCommand): Promise<void> {
    if (command === 'help') {
      this.#options.openHelp();
      return;
    }
    const session = this.session ?? (await this.#waitForSession());
    if (!session) return;
    const engine = session.engine;
    switch (command) {
      case 'play':
        engine.play();
        break;
      case 'pause':
        engine.pause();
        break;
      case 'toggle':
        engine.toggle();
        break;
      case 'stop':
        this.#placeKept = true;
        engine.stop();
        this.#focusLastSentence();
        break;
      case 'next':
        this.#placeKept = true;
        engine.next();
        this.#sayPositionIfSilent();
        break;
      case 'previous':
        this.#placeKept = true;
        engine.previous();
        this.#sayPositionIfSilent();
        break;
      case 'next-paragraph':
        this.#placeKept = true;
        engine.nextParagraph();
        this.#sayPositionIfSilent();
        break;
      case 'previous-paragraph':
        this.#placeKept = true;
        engine.previousParagraph();
        this.#sayPositionIfSilent();
        break;
      case 'use-device-voice':
        // The reader's choice from now on (kept, like choosing it in Voices…); same sentence.
        session.setSource('device');
        engine.play();
        break;
      case 'resume-saved':
        if (this.savedPosition) engine.playFrom(this.savedPosition.id);
        break;
      case 'faster':
      case 'slower':
        session.setRate(engine.snapshot.rate + (command === 'faster' ? RATE_STEP : -RATE_STEP));
        break;
      case 'notes':
        await this.#readNotes(session);
        break;
      case 'copy-link':
        await this.#copyLink(engine.snapshot.currentId);
        break;
    }
  }

  /**
   * Idle or paused, a move is silent: say where it went ("Sentence 4 of 195, Editor") so a
   * screen-reader user hears the new position (WCAG 4.1.3). While playing, the narration says it.
   */
  #sayPositionIfSilent(): void {
    const snapshot = this.session?.engine.snapshot;
    if (!snapshot || snapshot.status === 'playing' || snapshot.status === 'loading' || !snapshot.currentId) return;
    const speaker = speakerLabel(snapshot);
    this.#say(`Sentence ${snapshot.index + 1} of ${snapshot.total}${speaker ? `, ${speaker}` : ''}`);
  }

  /** Reads the current sentence's notes (or says there are none); a failure is shown like any narration fault. */
  async #readNotes(session: NarrationSession): Promise<void> {
    const id = session.engine.snapshot.currentId;
    try {
      const result = await session.readNotes((asideId) => this.#highlighter.highlight(id ?? asideId));
      if (result === 'none') this.#say('No notes for this sentence.');
    } catch (error) {
      this.#say(error instanceof Error ? `The notes could not be read aloud: ${error.message}` : 'The notes could not be read aloud.');
    }
  }

  /**
   * Copies a link to sentence `id` (the focused sentence wins: the one a keyboard reader is on) and
   * says so; where the clipboard is refused, shows the link so it can be copied by hand.
   */
  async #copyLink(currentId: string | null): Promise<void> {
    const focused = (document.activeElement as Element | null)?.closest?.(SENTENCE)?.id;
    const id = focused ?? currentId;
    if (!id) return;
    const url = new URL(location.href);
    url.hash = id;
    const index = this.#indexOf(id);
    const where = index >= 0 ? `sentence ${index + 1}` : 'this sentence';
    try {
      await copyText(url.href);
      this.#say(`Link to ${where} copied.`);
    } catch {
      this.#say(`Copying is not allowed here. The link to ${where} is ${url.href}`);
    }
  }

  /** Reads from sentence `id`. */
  async playFrom(id: string): Promise<void> {
    const session = this.session ?? (await this.#waitForSession());
    session?.engine.playFrom(id);
  }

  /** Sets the overall speed. */
  async setRate(rate: number): Promise<void> {
    (this.session ?? (await this.ensureSession()))?.setRate(rate);
  }

  /** Chooses a voice for a speaker (null = automatic). */
  setVoice(speaker: SpeakerId, voiceName: string | null): void {
    this.session?.setVoice(speaker, voiceName);
  }

  /** Plays a short sample of a speaker's voice. */
  async preview(speaker: SpeakerId, voiceName: string | null): Promise<void> {
    const session = this.session ?? (await this.ensureSession());
    await session?.preview(speaker, voiceName).catch(() => undefined);
  }

  /** The narration volume, 0–1. */
  get volume(): number {
    return this.preferences.volume;
  }

  /** Sets the narration volume (0–1) for device speech and the recording, and keeps it. */
  async setVolume(volume: number): Promise<void> {
    const session = this.session ?? (await this.ensureSession());
    if (session) session.setVolume(volume);
    else {
      const stored = this.#storedPreferences;
      this.#storedPreferences = { ...stored, volume: normalizeVolume(volume) ?? stored.volume };
      this.#store.save(this.#storedPreferences);
    }
    this.#host.requestUpdate();
  }

  /**
   * Back to a first visit (a kiosk's idle reset): stops the narration, forgets the narration
   * preferences and the position (stored and in memory), removes the highlight. Nothing speaks.
   */
  reset(): void {
    this.#placeKept = false;
    if (this.session) this.session.reset();
    else {
      this.#store.clear();
      this.#positions.clear();
    }
    this.#storedPreferences = defaultNarrationPreferences();
    this.savedPosition = null;
    this.#highlighter.highlight(null);
    this.#applyTabToSentences(this.preferences.tabToSentences);
    this.#host.requestUpdate();
  }

  /** Switches an option (shortcuts, follow along, tab to sentences). */
  async setOption(option: NarrationOption, value: boolean): Promise<void> {
    const session = this.session ?? (await this.ensureSession());
    if (session) session.setOption(option, value);
    else {
      this.#storedPreferences = { ...this.#storedPreferences, [option]: value };
      this.#store.save(this.#storedPreferences);
    }
    if (option === 'tabToSentences') this.#applyTabToSentences(value);
    this.#host.requestUpdate();
  }

  async #waitForSession(): Promise<NarrationSession | null> {
    this.#waiting = true;
    this.#host.requestUpdate();
    try {
      return await this.ensureSession();
    } finally {
      this.#waiting = false;
      this.#host.requestUpdate();
    }
  }

  /**
   * The highlight follows the sound: while playing it moves when a sentence really starts
   * (`onSentenceStart`), so with recorded audio it follows the audio clock, not the gap before;
   * paused, it shows the position (which Previous/Next move); stopped or moved while idle, the
   * place stays highlighted until the reader moves on; finished or reset, nothing is highlighted.
   */
  #onEngineChange(): void {
    const snapshot = this.session!.engine.snapshot;
    if (snapshot.status === 'ended') this.#placeKept = false;
    // The word highlight shows the word being heard: none while paused, stopped or ended.
    if (snapshot.status !== 'playing') this.#highlighter.clearWord();
    if (snapshot.status === 'paused' || (snapshot.status === 'idle' && this.#placeKept)) this.#highlight(snapshot.currentId);
    else if (snapshot.status === 'playing') {
      // Starting from nothing (first Play, a jump from idle): show where reading begins at once.
      if (!this.#highlighter.element) this.#highlight(snapshot.currentId);
    } else if (snapshot.status !== 'loading') this.#highlight(null);
    this.#updateMediaSession();
    this.#host.requestUpdate();
  }

  /** Applies a change of the "Highlight each word" setting: off removes the word highlight now. */
  wordSettingChanged(): void {
    if (this.#options.highlightWords?.() === false) this.#highlighter.clearWord();
  }

  #highlight(id: string | null): void {
    this.#highlighter.highlight(id);
    if (id) this.savedPosition = null;
  }

  readonly #onClick = (event: MouseEvent): void => {
    if (event.defaultPrevented || event.button !== 0) return;
    const sentence = (event.target as Element | null)?.closest?.(SENTENCE);
    if (!sentence || !this.#host.contains(sentence) || (event.target as Element).closest('a, button, input, select')) return;
    // A reader selecting text is not asking to hear it.
    if (String(window.getSelection?.() ?? '').trim()) return;
    void this.playFrom(sentence.id);
  };

  readonly #onKeydown = (event: KeyboardEvent): void => {
    if (event.defaultPrevented) return;
    const target = event.target as Element | null;
    if ((event.key === 'Enter' || event.key === ' ') && !event.altKey && !event.ctrlKey && !event.metaKey) {
      if (target?.matches?.(SENTENCE) && this.#host.contains(target)) {
        event.preventDefault();
        void this.playFrom(target.id);
      }
      return;
    }
    if (!this.preferences.shortcuts) return;
    const command = matchShortcut(event, undefined, this.#layoutMap?.get(event.code));
    if (!command) return;
    // Behind an open modal dialog the reader is busy with the dialog: Play must not start there.
    if (frontModalDialog()) return;
    event.preventDefault();
    void this.command(command);
  };

  readonly #onHashChange = (): void => {
    const id = this.#deepLinkId();
    if (id) this.session?.engine.seek(id);
    this.#host.requestUpdate();
  };

  #deepLinkId(): string | null {
    const hash = hashTarget(location.hash);
    if (!hash) return null;
    return this.#host.querySelector(`${SENTENCE}[id="${CSS.escape(hash)}"]`) ? hash : null;
  }

  #sentences(): NodeListOf<HTMLElement> {
    return this.#host.querySelectorAll<HTMLElement>(SENTENCE);
  }

  #indexOf(id: string): number {
    return [...this.#sentences()].findIndex((el) => el.id === id);
  }

  #applyTabToSentences(enabled: boolean): void {
    for (const sentence of this.#sentences()) {
      if (enabled) sentence.tabIndex = 0;
      else sentence.removeAttribute('tabindex');
    }
  }

  /** After Stop, the last sentence read takes focus, so a screen-reader user continues from there. */
  #focusLastSentence(): void {
    const id = this.session?.position ?? null;
    const sentence = id ? this.#host.querySelector<HTMLElement>(`${SENTENCE}[id="${CSS.escape(id)}"]`) : null;
    if (!sentence) return;
    if (!sentence.hasAttribute('tabindex')) sentence.tabIndex = -1;
    sentence.focus({ preventScroll: !this.preferences.followAlong });
  }

  #setUpMediaSession(): void {
    const mediaSession = navigator.mediaSession;
    if (!mediaSession) return;
    const handlers: Array<[MediaSessionAction, NarrationCommand | ShortcutCommand]> = [
      ['play', 'play'],
      ['pause', 'pause'],
      ['stop', 'stop'],
      ['nexttrack', 'next'],
      ['previoustrack', 'previous'],
    ];
    for (const [action, command] of handlers) {
      try {
        mediaSession.setActionHandler(action, () => void this.command(command));
        this.#unsubscribe.push(() => mediaSession.setActionHandler(action, null));
      } catch {
        // An action this browser does not support.
      }
    }
  }

  #updateMediaSession(): void {
    const mediaSession = navigator.mediaSession;
    const snapshot = this.session?.engine.snapshot;
    if (!mediaSession || !snapshot) return;
    mediaSession.playbackState =
      snapshot.status === 'playing' ? 'playing' : snapshot.status === 'paused' ? 'paused' : 'none';
    if (typeof MediaMetadata === 'function' && snapshot.speakerName) {
      mediaSession.metadata = new MediaMetadata({
        title: document.querySelector('h1')?.textContent?.trim() ?? document.title,
        artist: snapshot.speakerName,
        album: `Sentence ${snapshot.index + 1} of ${snapshot.total}`,
      });
    }
  }
}
