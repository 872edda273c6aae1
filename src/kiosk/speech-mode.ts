/**
 * The kiosk's spoken help (self-voicing, EZ Access style), for a blind visitor who cannot bring a
 * screen reader: it says what takes focus the way a screen reader would, reads sentences in their
 * speakers' voices, says positions, values and dialogs, and the idle warning. It turns on with
 * the host's `speech` option, at the first key press (unless the host set `speech=off`) or with
 * the "Spoken help" toggle; an idle reset turns it off unless the host forced it.
 *
 * Sound comes from the device voice when it works (the narration session's device backend, so it
 * fails over by the narration's rule), else from the recorded interface sprite. Prompts go
 * through one `PromptQueue`: a new prompt cuts the last, and the narration is held (silent,
 * place kept) while a prompt speaks. DOM glue; the wording is in `speech/prompt.ts`.
 */
import type { NarrationController } from '../controllers/narration-controller.ts';
import type { NarrationSession } from '../narration/session.ts';
import type { NarrationSnapshot } from '../narration/engine.ts';
import { shouldFallBack } from '../narration/narration-source.ts';
import { defaultLexicon } from '../narration/lexicon.ts';
import { controlInfo, dialogWords } from './control-info.ts';
import { deepActiveElement, frontModalDialog } from './focus.ts';
import { KIOSK_TEXT, STATE_WORDS, editionPhrases } from './speech/phrases.ts';
import {
  PhraseBook,
  describeControl,
  describePosition,
  describeSeconds,
  describeValueChange,
  promptClipIds,
  promptText,
  welcomeTexts,
  type Prompt,
} from './speech/prompt.ts';
import { PromptQueue, type PromptOutput } from './speech/prompt-queue.ts';
import { DeviceVoiceOutput, SpriteOutput } from './speech/outputs.ts';
import { assertSpriteCurrent, checkSpriteMap, parseSpriteMap, type InterfaceSprite } from './speech/sprite-map.ts';
import { loadChunk } from '../ui/chunk-loader.ts';

/** How the host set speech mode: forced on, on at the first key press (default), or never automatically. */
export type SpeechModeSetting = 'on' | 'auto' | 'off';

/** Dispatched on `window` as each prompt starts (for hosts' logs and tests). */
export const PROMPT_EVENT = 'narrated-edition:prompt';

/** `detail` of the prompt event. */
export interface PromptEventDetail {
  /** The words, sentences as `[id]`. */
  text: string;
  /** Phrase ids (and `sentence:<id>`) in order. */
  clips: string[];
  /** The output that says it. */
  source: 'device' | 'sprite';
}

/** Options of `new KioskSpeech(…)`. */
export interface KioskSpeechOptions {
  setting: () => SpeechModeSetting;
  /** Prompt speed (1 = normal; the host's `speech-rate`). */
  rate: () => number;
  narration: NarrationController;
  /** `audio/interface.json`. */
  spriteUrl: string;
  /** On/off or the notice changed (re-render the bar). */
  onChange: () => void;
  /** A prompt started (true) or everything has been said (false): the idle timer holds meanwhile. */
  onSpeakingChange: (speaking: boolean) => void;
}

/** A sentence of the edition (its element carries the sentence id). */
const SENTENCE = '.ne-s';

/** Speech mode of one kiosk page. */
export class KioskSpeech {
  readonly #options: KioskSpeechOptions;
  readonly #queue: PromptQueue;
  readonly #lexicon = defaultLexicon();
  #on = false;
  #book: PhraseBook | null = null;
  #sprite: Promise<SpriteOutput | null> | null = null;
  #spriteOutput: SpriteOutput | null = null;
  /** The device-voice output (one per page: the session is loaded once). */
  #deviceOutput: DeviceVoiceOutput | null = null;
  #deviceFailed = false;
  #notice: string | null = null;
  #recording: 'loading' | 'ready' | 'failed' = 'loading';
  #abort: AbortController | null = null;
  /** The dialog whose title was said last (null: the reader bar or the text). */
  #dialog: Element | null = null;
  /** Say the welcome before the next prompt. */
  #welcomePending = false;
  /** The next sentence focus is read aloud (keypad move or Read the text). */
  #readNextSentence = false;
  /** Stop moved focus to a sentence: do not read it (the position was said). */
  #suppressSentence = false;
  /** From a reset until the next visitor starts: the narration's reset is not news to anyone. */
  #afterReset = false;
  /** The focused control's description after the last prompt, to tell a value change. */
  #described: { el: Element; text: string } | null = null;
  #lastPosition: { index: number; status: string } | null = null;
  #unsubscribe: (() => void) | null = null;

  constructor(options: KioskSpeechOptions) {
    this.#options = options;
    this.#queue = new PromptQueue({
      output: () => this.#output(),
      holdNarration: () => this.#options.narration.session?.engine.hold() ?? (() => undefined),
      onSpeakingChange: (speaking) => this.#options.onSpeakingChange(speaking),
      onError: (error, prompt) => this.#onOutputError(error, prompt),
      onPrompt: (prompt) => this.#log(prompt),
    });
  }

  /** Whether speech mode is on. */
  get on(): boolean {
    return this.#on;
  }

  /** Whether a prompt is being said. */
  get speaking(): boolean {
    return this.#queue.speaking;
  }

  /** A notice for the visitor when spoken help cannot work here (shown in the kiosk bar), or null. */
  get notice(): string | null {
    return this.#notice;
  }

  /** The recorded interface phrases: still loading, ready, or unusable (see `notice`). */
  get recording(): 'loading' | 'ready' | 'failed' {
    return this.#recording;
  }

  /** Starts listening; speech is on from the start when the host forced it. */
  connect(): void {
    this.#abort = new AbortController();
    const { signal } = this.#abort;
    document.addEventListener('focusin', this.#onFocusIn, { capture: true, signal });
    for (const root of shadowRootsIn(document)) {
      this.#watchedRoots.add(root);
      root.addEventListener('focusin', this.#onFocusIn, { capture: true, signal });
    }
    window.addEventListener('click', this.#onClick, { capture: true, signal });
    window.addEventListener('input', this.#onInput, { capture: true, signal });
    this.#on = this.#options.setting() === 'on';
    // The sprite is fetched in kiosk mode only (this class is the kiosk's), before the first key.
    void this.#loadSprite();
    void this.#options.narration.ensureSession().then((session) => {
      if (session && this.#abort) this.#watch(session);
    });
  }

  disconnect(): void {
    this.#abort?.abort();
    this.#abort = null;
    this.#unsubscribe?.();
    this.#unsubscribe = null;
    this.#queue.dispose();
  }

  /** Turns speech mode on or off (the "Spoken help" toggle); says so either way. */
  toggle(): void {
    if (this.#on) {
      void this.#say(this.#book?.prompt(KIOSK_TEXT.spokenHelpOff) ?? null, { force: true });
      this.#on = false;
    } else {
      this.#on = true;
      void this.#say(this.#book?.prompt(KIOSK_TEXT.spokenHelpOn, KIOSK_TEXT.essentials) ?? null);
    }
    this.#options.onChange();
  }

  /**
   * Every key press, before anything else handles it: the first one turns speech mode on
   * (a keypad user is likely not to see the screen), unless the host set `speech=off`.
   */
  keyPressed(event: KeyboardEvent): void {
    if (this.#on) return;
    if (['Shift', 'Control', 'Alt', 'Meta', 'CapsLock'].includes(event.key)) return;
    if (this.#options.setting() !== 'auto') return;
    this.#on = true;
    this.#welcomePending = true;
    this.#described = null;
    this.#options.onChange();
    // A key that moves focus says the welcome with the new place; any other key says it with the current one.
    this.#afterUpdate(() => {
      if (this.#welcomePending) this.#describeFocus(true);
    });
  }

  /** The visitor left the attract screen: the next prompt begins with the welcome. */
  started(): void {
    this.#afterReset = false;
    if (this.#on) this.#welcomePending = true;
    this.#dialog = null;
  }

  /** The kiosk is about to focus a sentence because the visitor moved there: read it. */
  readNextSentence(): void {
    this.#readNextSentence = true;
  }

  /** The visitor pressed the focused control (Enter): say what changed once the page has updated. */
  activated(): void {
    this.#afterUpdate(() => this.#sayChange());
  }

  /** The idle warning's countdown: said at its start (with the dialog) and at 20, 10 and 5 seconds. */
  countdown(seconds: number): void {
    if (!this.#on || ![20, 10, 5].includes(seconds)) return;
    void this.#say(this.#book?.prompt(describeSeconds(seconds)) ?? null);
  }

  /** Silences the prompt being said (the idle warning was answered). */
  silence(): void {
    this.#queue.cancel();
  }

  /** Says `texts` even with speech mode off (the idle warning to a visitor who used narration). */
  announce(texts: string[]): void {
    void this.#bookWhenReady().then(
      (book) => this.#say(book.prompt(...texts), { force: true }),
      () => undefined,
    );
  }

  /** An idle reset or Start again: silence, and off again unless the host forced it on. */
  reset(): void {
    this.#queue.cancel();
    this.#afterReset = true;
    this.#on = this.#options.setting() === 'on';
    this.#welcomePending = false;
    this.#readNextSentence = false;
    this.#dialog = null;
    this.#described = null;
    this.#options.onChange();
  }

  // ---- Listening ----

  #watch(session: NarrationSession): void {
    this.#book = new PhraseBook(editionPhrases(session.script.speakerNames));
    this.#unsubscribe?.();
    this.#unsubscribe = session.engine.subscribe((snapshot) => this.#onNarration(snapshot));
    this.#lastPosition = { index: session.engine.snapshot.index, status: session.engine.snapshot.status };
    void this.#sprite?.then(() => this.#options.onChange());
  }

  /** Position moves while stopped or paused are said; pausing, stopping and the end too. */
  #onNarration(snapshot: NarrationSnapshot): void {
    const last = this.#lastPosition;
    this.#lastPosition = { index: snapshot.index, status: snapshot.status };
    if (!this.#on || !last || !this.#book || this.#afterReset) return;
    const still = snapshot.status === 'idle' || snapshot.status === 'paused';
    if (snapshot.status !== last.status) {
      if (snapshot.status === 'paused' && last.status === 'playing') {
        void this.#say(this.#book.prompt(KIOSK_TEXT.paused));
      } else if (snapshot.status === 'ended') void this.#say(this.#book.prompt(KIOSK_TEXT.finished));
      else if (snapshot.status === 'idle' && (last.status === 'playing' || last.status === 'paused')) {
        this.#readNextSentence = false; // Stop focuses the last sentence: say where, not the sentence
        this.#suppressSentence = true;
        void this.#say(this.#book.prompt(KIOSK_TEXT.stopped, describePosition(snapshot.index, snapshot.total, snapshot.speakerName)));
      }
      return;
    }
    if (still && snapshot.index !== last.index) {
      void this.#say(this.#book.prompt(describePosition(snapshot.index, snapshot.total, snapshot.speakerName)));
    }
  }

  /** Whether focus is on the attract screen (it waits for a visitor; it does not describe itself). */
  #onAttract(el: Element): boolean {
    let node: Node | null = el;
    while (node) {
      if (node instanceof Element && node.localName === 'kiosk-attract') return true;
      const root: Node = node.getRootNode();
      node = node.parentNode ?? (root instanceof ShadowRoot ? root.host : null);
    }
    return false;
  }

  /** Shadow roots listened to: focus moves inside one shadow root never reach the document. */
  readonly #watchedRoots = new WeakSet<ShadowRoot>();
  #focusCheckQueued = false;

  readonly #onFocusIn = (event: Event): void => {
    for (const node of event.composedPath()) {
      if (node instanceof ShadowRoot && !this.#watchedRoots.has(node) && this.#abort) {
        this.#watchedRoots.add(node);
        node.addEventListener('focusin', this.#onFocusIn, { capture: true, signal: this.#abort.signal });
      }
    }
    if (!this.#on || this.#focusCheckQueued) return;
    // Let the focus settle (a dialog opening moves it twice), then describe where it landed.
    this.#focusCheckQueued = true;
    queueMicrotask(() => {
      this.#focusCheckQueued = false;
      this.#describeFocus();
    });
  };

  readonly #onClick = (event: MouseEvent): void => {
    // A touch visitor with spoken help on: say what changed, like a keypad Enter.
    if (this.#on && event.detail > 0) this.activated();
  };

  readonly #onInput = (event: Event): void => {
    const target = event.composedPath()[0];
    if (this.#on && target instanceof HTMLInputElement && target.type === 'range') this.activated();
  };

  #describeFocus(again = false): void {
    const el = deepActiveElement();
    if (!this.#book) {
      void this.#bookWhenReady().then(
        () => this.#describeFocus(again),
        () => undefined,
      );
      return;
    }
    if (!el || el === document.body) {
      if (this.#welcomePending) {
        this.#welcomePending = false;
        void this.#say(this.#book.prompt(...welcomeTexts()));
      }
      return;
    }
    // `again` only re-says the current control to carry the welcome (once, even when the key press
    // and the focus move both asked while the phrases were still loading).
    if (this.#described?.el === el && !(again && this.#welcomePending)) return;
    if (this.#onAttract(el)) return;
    const dialog = frontModalDialog();
    const texts: string[] = [];
    if (this.#welcomePending) {
      this.#welcomePending = false;
      texts.push(...welcomeTexts());
    }
    if (dialog && dialog !== this.#dialog) {
      const { title, text } = dialogWords(dialog);
      texts.push(title, text);
    }
    this.#dialog = dialog;
    if (el.matches(SENTENCE)) {
      const read = this.#readNextSentence && !this.#suppressSentence;
      this.#readNextSentence = false;
      this.#suppressSentence = false;
      this.#described = { el, text: '' };
      if (read) void this.#say(this.#sentencePrompt(texts, el.id));
      else if (texts.length) void this.#say(this.#book.prompt(...texts));
      return;
    }
    const info = controlInfo(el);
    if (!info) {
      if (texts.length) void this.#say(this.#book.prompt(...texts));
      return;
    }
    const description = describeControl(info);
    this.#described = { el, text: description };
    void this.#say(this.#book.prompt(...texts, description));
  }

  /** "Kollontai:" in the prompt voice, then the sentence in her voice. */
  #sentencePrompt(before: string[], id: string): Prompt | null {
    const session = this.#options.narration.session;
    const book = this.#book;
    if (!book) return null;
    const item = session?.script.items.find((candidate) => candidate.id === id);
    if (!session || !item) return book.prompt(...before);
    const name = session.script.speakerNames[item.speaker] ?? item.speaker;
    return {
      segments: [...book.prompt(...before, name).segments, { kind: 'sentence', id, speaker: item.speaker }],
    };
  }

  /** After a press: the same control with another value or state says the change. */
  #sayChange(): void {
    const el = deepActiveElement();
    const before = this.#described;
    if (!el || !before || before.el !== el || !this.#book) return; // focus moved: focusin speaks
    const info = controlInfo(el);
    if (!info) return;
    const now = describeControl(info);
    if (now === before.text) return;
    this.#described = { el, text: now };
    // A check box or toggle says its new state; a slider its value; a button the value it changes.
    const change =
      info.checked !== undefined
        ? info.checked
          ? STATE_WORDS.checked
          : STATE_WORDS.notChecked
        : info.pressed !== undefined
          ? info.pressed
            ? STATE_WORDS.on
            : STATE_WORDS.off
          : (info.value ?? info.description ?? null);
    // Play became Pause (the narration speaks for itself), Pause became Play ("Paused" is said).
    const nameChanged = !before.text.startsWith(`${info.name},`);
    if (nameChanged || !change) return;
    void this.#say(this.#book.prompt(describeValueChange(info.name, change)));
  }

  #afterUpdate(fn: () => void): void {
    // Two frames: Lit's update and the browser's focus handling have both run.
    requestAnimationFrame(() => requestAnimationFrame(fn));
  }

  // ---- Saying ----

  async #say(prompt: Prompt | null, { force = false } = {}): Promise<void> {
    if (!prompt || (!this.#on && !force)) return;
    await this.#queue.say(prompt);
  }

  /** Whether prompts use the device voice: it works and the narration reads with it. */
  #usesDevice(): boolean {
    const session = this.#options.narration.session;
    return Boolean(session && session.source === 'device' && !this.#deviceFailed);
  }

  /** The device voice while it works and the narration reads with it; else the recorded sprite. */
  #output(): PromptOutput {
    const session = this.#options.narration.session;
    if (session && this.#usesDevice()) {
      this.#deviceOutput ??= new DeviceVoiceOutput({
        sayWords: (text, rate, signal, onStart) => session.sayWithDevice(this.#lexicon.toSpoken(text), rate, signal, onStart),
        readSentence: (id, signal, onStart) => session.readSentenceAloud(id, 'device', signal, onStart),
        rate: this.#options.rate,
      });
      return this.#deviceOutput;
    }
    if (this.#spriteOutput) return this.#spriteOutput;
    // Not loaded yet (a key pressed at once): say it as soon as the sprite is ready.
    const loading = this.#loadSprite();
    return {
      say: async (prompt, signal) => {
        const output = await loading;
        if (output && !signal.aborted) await output.say(prompt, signal);
      },
    };
  }

  #onOutputError(error: unknown, prompt: Prompt): void {
    const session = this.#options.narration.session;
    const code = (error as { code?: string } | null)?.code;
    if (!this.#deviceFailed && session?.source === 'device' && code && shouldFallBack({ code }, 'device', session.sourceForced ? session.source : null)) {
      this.#deviceFailed = true;
      void this.#queue.say(prompt); // again, from the recording
      return;
    }
    console.error(error);
  }

  #loadSprite(): Promise<SpriteOutput | null> {
    this.#sprite ??= loadSpriteOutput(this.#options.spriteUrl, {
      book: () => this.#bookWhenReady(),
      spoken: (text) => this.#lexicon.toSpoken(text),
      rate: this.#options.rate,
      volume: () => this.#options.narration.volume,
      readSentence: async (id, signal, onStart) => {
        const session = this.#options.narration.session ?? (await this.#options.narration.ensureSession());
        await session?.readSentenceAloud(id, 'recorded', signal, onStart);
      },
    }).then(
      (output) => {
        this.#spriteOutput = output;
        this.#recording = 'ready';
        this.#options.onChange();
        return output;
      },
      (error: unknown) => {
        console.error(error);
        this.#recording = 'failed';
        this.#notice = speechAvailable() ? null : KIOSK_TEXT.noSpeech;
        this.#options.onChange();
        return null;
      },
    );
    return this.#sprite;
  }

  async #bookWhenReady(): Promise<PhraseBook> {
    if (this.#book) return this.#book;
    const session = await this.#options.narration.ensureSession();
    if (!session) throw new Error('the narration (and its speaker names) could not be loaded');
    this.#book ??= new PhraseBook(editionPhrases(session.script.speakerNames));
    return this.#book;
  }

  #log(prompt: Prompt): void {
    window.dispatchEvent(
      new CustomEvent<PromptEventDetail>(PROMPT_EVENT, {
        detail: { text: promptText(prompt), clips: promptClipIds(prompt), source: this.#usesDevice() ? 'device' : 'sprite' },
      }),
    );
  }
}

/** The open shadow roots in `root` now (more are found as focus enters them). */
function shadowRootsIn(root: Document | ShadowRoot): ShadowRoot[] {
  const found: ShadowRoot[] = [];
  for (const el of root.querySelectorAll('*')) {
    if (el.shadowRoot) found.push(el.shadowRoot, ...shadowRootsIn(el.shadowRoot));
  }
  return found;
}

function speechAvailable(): boolean {
  return typeof globalThis.speechSynthesis !== 'undefined' && globalThis.speechSynthesis !== null;
}

/** Fetches and checks the sprite map, then loads the sprite into a Howl (Web Audio: instant starts). */
async function loadSpriteOutput(
  url: string,
  options: {
    book: () => Promise<PhraseBook>;
    spoken: (text: string) => string;
    rate: () => number;
    volume: () => number;
    readSentence: ConstructorParameters<typeof SpriteOutput>[0]['readSentence'];
  },
): Promise<SpriteOutput> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`The spoken-help recording could not be loaded (HTTP ${response.status} for ${url}).`);
  const sprite: InterfaceSprite = parseSpriteMap(await response.text());
  const book = await options.book();
  assertSpriteCurrent(checkSpriteMap(sprite, book.phrases, options.spoken), (id) => `"${id}"`);
  const { Howl } = await loadChunk('spoken-help player', () => import('howler'));
  const base = new URL(url, document.baseURI);
  const howl = await new Promise<InstanceType<typeof Howl>>((resolve, reject) => {
    const created: InstanceType<typeof Howl> = new Howl({
      src: [new URL(sprite.files.opus, base).href, new URL(sprite.files.mp3, base).href],
      format: ['webm', 'mp3'],
      sprite: Object.fromEntries(Object.entries(sprite.phrases).map(([id, clip]) => [id, [clip.start, clip.duration]])),
      preload: true,
      html5: false,
      onload: () => resolve(created),
      onloaderror: (_id, error) => reject(new Error(`The spoken-help recording could not be loaded (${String(error)}).`)),
    });
  });
  return new SpriteOutput({
    player: howl as unknown as ConstructorParameters<typeof SpriteOutput>[0]['player'],
    readSentence: options.readSentence,
    rate: options.rate,
    volume: options.volume,
    clipDuration: (id) => sprite.phrases[id]?.duration ?? 0,
    onMissing: (text) => console.warn(`spoken help: no recorded phrase for "${text}"`),
  });
}
