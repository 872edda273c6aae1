/**
 * The kiosk mode of the root element (loaded only in kiosk mode, as its own chunk): the silent
 * attract screen, the idle timer (held while narration plays) with its "Are you still there?"
 * warning and the reset to a first visit, keypad operation from the key map, the kiosk bar (read
 * the text, text size, volume, help, start again) and its help dialog. Listeners are added in
 * hostConnected and removed in hostDisconnected; nothing is global.
 */
import { html, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import type { ReadingSettingsModel } from '../settings/model.ts';
import { SETTING_DESCRIPTORS } from '../settings/descriptors.ts';
import type { NarrationController } from './narration-controller.ts';
import { IdleTimer, type IdleState } from '../kiosk/idle-timer.ts';
import { defaultKeymap, keypadAction, keysFor, type Keymap, type KeypadAction } from '../kiosk/keymap.ts';
import { deepActiveElement, frontModalDialog, keypadControls } from '../kiosk/focus.ts';
import { KioskSpeech, type SpeechModeSetting } from '../kiosk/speech-mode.ts';
import type { HelpContext } from '../kiosk/speech/prompt.ts';
import { KIOSK_TEXT } from '../kiosk/speech/phrases.ts';
import { forgetVisitor } from '../kiosk/visitor-data.ts';
import '../components/kiosk-bar/kiosk-bar.ts';
import '../components/kiosk-attract/kiosk-attract.ts';
import '../components/kiosk-idle-dialog/kiosk-idle-dialog.ts';
import '../components/kiosk-help/kiosk-help.ts';
import type { KioskBarElement } from '../components/kiosk-bar/kiosk-bar.ts';
import type { KioskHelpElement, KioskHelpKey } from '../components/kiosk-help/kiosk-help.ts';
import type { KioskTextSizeEvent, KioskVolumeEvent } from '../components/kiosk-bar/events.ts';

/** Dispatched on `window` after every reset to a first visit (idle timeout or Start again). */
export const IDLE_RESET_EVENT = 'narrated-edition:idle-reset';

/** `detail` of the `narrated-edition:idle-reset` event. */
export interface IdleResetDetail {
  reason: 'idle' | 'restart';
}

/** How the kiosk reaches the root element's services. */
export interface KioskControllerOptions {
  /** Inactivity before the warning, in seconds (read at every start). */
  idleSeconds: () => number;
  /** Length of the warning countdown, in seconds (default 30; at least 20). */
  warningSeconds?: number;
  /** The reading-settings model (its `reset()` restores the museum's defaults). */
  settings: () => ReadingSettingsModel | undefined;
  narration: NarrationController;
  /** Closes the root's own dialogs (reading settings, voices, shortcuts). */
  closeDialogs: () => void;
  /** The key map (default: `src/kiosk/keymap.json`). */
  keymap?: Keymap;
  /** Spoken help: forced `on`, `auto` (on at the first key press) or `off` (toggle only). */
  speech?: () => SpeechModeSetting;
  /** Speed of the spoken help (1 = normal). */
  speechRate?: () => number;
}

/** Text size step of A− / A+, in percent. */
const TEXT_SIZE_STEP = 20;
/** Volume step of Quieter / Louder. */
const VOLUME_STEP = 0.1;
const SENTENCE = '.ne-s';

const ACTION_HELP: Record<KeypadAction, string> = {
  next: 'Next control (or next sentence)',
  previous: 'Previous control (or previous sentence)',
  activate: 'Press the control, or read aloud from the sentence',
  back: 'Close a dialog, or leave the sentences',
  help: 'Open this help',
  notes: 'Read the notes for the sentence being read',
};

/** "2 minutes", "90 seconds", "1 minute". */
export function describeDuration(seconds: number): string {
  if (seconds % 60 === 0) {
    const minutes = seconds / 60;
    return `${minutes} ${minutes === 1 ? 'minute' : 'minutes'}`;
  }
  return `${seconds} seconds`;
}

/** Kiosk behaviour for `<narrated-edition kiosk>`. */
export class KioskController implements ReactiveController {
  readonly #host: ReactiveControllerHost & HTMLElement;
  readonly #options: KioskControllerOptions;
  readonly #keymap: Keymap | null;
  readonly #warningSeconds: number;
  #timer: IdleTimer | null = null;
  #abort: AbortController | null = null;
  #bar: KioskBarElement | null = null;
  /** The attract screen shows. */
  #attract = true;
  /** Seconds left in the warning. */
  #remaining = 0;
  /** Narration was playing or loading at the last update. */
  #busy = false;
  /** The visitor used narration in this visit (the warning is then spoken too). */
  #narrationUsed = false;
  /** The spoken help (self-voicing). */
  readonly #speech: KioskSpeech;
  /** A prompt is being said (the idle timer holds, as for narration). */
  #prompting = false;

  constructor(host: ReactiveControllerHost & HTMLElement, options: KioskControllerOptions) {
    this.#host = host;
    this.#options = options;
    this.#warningSeconds = Math.max(20, options.warningSeconds ?? 30);
    let keymap: Keymap | null = options.keymap ?? null;
    if (!keymap) {
      try {
        keymap = defaultKeymap();
      } catch (error) {
        // A broken key map must not take the touch screen down with it.
        console.error(error);
      }
    }
    this.#keymap = keymap;
    this.#speech = new KioskSpeech({
      setting: options.speech ?? (() => 'auto'),
      rate: options.speechRate ?? (() => 1),
      narration: options.narration,
      spriteUrl: new URL('audio/interface.json', document.baseURI).href,
      onChange: () => host.requestUpdate(),
      onSpeakingChange: (speaking) => {
        this.#prompting = speaking;
        // For hosts (a "speaking" light) and tests: the spoken help is talking.
        host.toggleAttribute('data-speaking', speaking);
        this.#updateHold();
      },
    });
    host.addController(this);
  }

  /** The spoken help (for tests and hosts). */
  get speech(): KioskSpeech {
    return this.#speech;
  }

  /** The idle timer's state (for tests and the service worker's "apply the update when idle"). */
  get idleState(): IdleState {
    return this.#timer?.state ?? 'stopped';
  }

  /** Whether the attract screen shows. */
  get attractShown(): boolean {
    return this.#attract;
  }

  hostConnected(): void {
    this.#abort = new AbortController();
    const { signal } = this.#abort;
    const host = this.#host;
    const capture = { capture: true, passive: true, signal };
    window.addEventListener('keydown', this.#onKeydown, { capture: true, signal });
    window.addEventListener('pointerdown', this.#onTouch, capture);
    window.addEventListener('touchstart', this.#onTouch, capture);
    window.addEventListener('wheel', this.#onTouch, capture);
    window.addEventListener('pointermove', this.#onMove, capture);
    host.addEventListener('kiosk-start', this.#onStart, { signal });
    host.addEventListener('kiosk-continue', this.#onContinue, { signal });
    host.addEventListener('kiosk-restart', () => this.reset('restart'), { signal });
    host.addEventListener('kiosk-text-size', this.#onTextSize, { signal });
    host.addEventListener('kiosk-volume', this.#onVolume, { signal });
    host.addEventListener('kiosk-read-text', () => this.#enterText(), { signal });
    host.addEventListener('kiosk-help-request', () => void this.#openHelp(), { signal });
    host.addEventListener('kiosk-speech-toggle', () => this.#speech.toggle(), { signal });
    this.#timer = new IdleTimer({
      idleMs: this.#options.idleSeconds() * 1000,
      warningMs: this.#warningSeconds * 1000,
      onStateChange: (state, previous) => this.#onIdleState(state, previous),
      onTick: (ms) => {
        const seconds = Math.ceil(ms / 1000);
        if (seconds !== this.#remaining && seconds < this.#warningSeconds) this.#speech.countdown(seconds);
        this.#remaining = seconds;
        host.requestUpdate();
      },
    });
    if (this.#busy) this.#timer.pause();
    this.#speech.connect();
    document.documentElement.setAttribute('data-kiosk', '');
    this.#bar = document.createElement('kiosk-bar');
    const row = host.querySelector('.ne-toolbar-row');
    row?.append(this.#bar);
    this.#attract = true;
    host.requestUpdate();
  }

  hostDisconnected(): void {
    this.#abort?.abort();
    this.#abort = null;
    this.#timer?.dispose();
    this.#timer = null;
    this.#speech.disconnect();
    this.#bar?.remove();
    this.#bar = null;
    document.documentElement.removeAttribute('data-kiosk');
  }

  hostUpdated(): void {
    const status = this.#options.narration.view.status;
    const busy = status === 'playing' || status === 'loading';
    if (status === 'playing') this.#narrationUsed = true;
    if (busy !== this.#busy) {
      this.#busy = busy;
      this.#updateHold();
    }
    const bar = this.#bar;
    if (bar) {
      const { min, max } = SETTING_DESCRIPTORS.textSize;
      bar.textSize = this.#options.settings()?.settings.textSize ?? min;
      bar.textSizeMin = min;
      bar.textSizeMax = max;
      bar.volume = this.#options.narration.volume;
      bar.speechOn = this.#speech.on;
      bar.speechNotice = this.#speech.notice;
    }
    this.#host.setAttribute('data-kiosk-ready', '');
    this.#host.setAttribute('data-speech-recording', this.#speech.recording);
  }

  /** The attract screen, the idle warning and the help, for the root element's shadow root. */
  render(): TemplateResult {
    const heading = document.querySelector('h1')?.textContent?.replace(/\s+/g, ' ').trim() ?? document.title;
    const keymap = this.#keymap;
    const keys: KioskHelpKey[] = keymap
      ? (Object.keys(ACTION_HELP) as KeypadAction[]).map((action) => ({ keys: keysFor(keymap, action), action: ACTION_HELP[action] }))
      : [];
    return html`
      <kiosk-attract .heading=${heading} ?open=${this.#attract}></kiosk-attract>
      <kiosk-idle-dialog ?open=${this.#timer?.state === 'warning'} .remaining=${this.#remaining}></kiosk-idle-dialog>
      <kiosk-help
        .keys=${keys}
        .idleTime=${describeDuration(this.#options.idleSeconds())}
        .warningSeconds=${this.#warningSeconds}
      ></kiosk-help>
    `;
  }

  /**
   * Back to a first visit: narration stopped and reset (speed, volume, voices, position), reading
   * settings back to the museum's defaults, dialogs closed, the edition's stored keys removed
   * (`visitor-data.ts`), no hash, top of the page, and the attract screen. Then the
   * `narrated-edition:idle-reset` event on `window`.
   */
  reset(reason: IdleResetDetail['reason']): void {
    this.#speech.reset();
    this.#options.narration.reset();
    this.#options.closeDialogs();
    this.#bar?.closeDialogs();
    this.#help()?.close();
    this.#options.settings()?.reset();
    forgetVisitor([() => globalThis.localStorage, () => globalThis.sessionStorage]);
    if (location.hash) history.replaceState(history.state, '', location.pathname + location.search);
    window.scrollTo({ top: 0, left: 0, behavior: 'instant' });
    this.#narrationUsed = false;
    this.#remaining = 0;
    this.#timer?.stop();
    this.#attract = true;
    this.#host.requestUpdate();
    window.dispatchEvent(new CustomEvent<IdleResetDetail>(IDLE_RESET_EVENT, { detail: { reason } }));
  }

  // ---- Idle timer ----

  #onIdleState(state: IdleState, previous: IdleState): void {
    if (previous === 'warning') this.#speech.silence();
    if (state === 'warning') {
      this.#remaining = this.#warningSeconds;
      // In speech mode the dialog is said as it takes focus; a visitor who only listened to the
      // narration hears the warning too.
      if (!this.#speech.on && this.#narrationUsed) {
        this.#speech.announce([KIOSK_TEXT.idleTitle, `${KIOSK_TEXT.idleGoingBack} ${this.#warningSeconds} seconds ${KIOSK_TEXT.idleClears}`, KIOSK_TEXT.idleAnswer]);
      }
    }
    if (state === 'reset') this.reset('idle');
    this.#host.requestUpdate();
  }

  /** The idle timer holds while narration plays or loads, and while a prompt speaks (not during the warning). */
  #updateHold(): void {
    const timer = this.#timer;
    if (!timer) return;
    const hold = this.#busy || (this.#prompting && timer.state !== 'warning');
    if (hold && timer.state !== 'paused') timer.pause();
    else if (!hold && timer.state === 'paused') timer.resume();
  }

  // ---- Input ----

  /** Touches, clicks and wheel: activity (a warning is answered by a click in its dialog). */
  readonly #onTouch = (): void => {
    if (this.#timer?.state === 'active') this.#timer.activity();
  };

  /** Pointer movement counts while counting, never as an answer to the warning. */
  readonly #onMove = (): void => {
    if (this.#timer?.state === 'active') this.#timer.activity();
  };

  readonly #onKeydown = (event: KeyboardEvent): void => {
    if (event.isComposing) return;
    this.#speech.keyPressed(event);
    if (this.#attract) return; // <kiosk-attract> takes any key itself
    const timer = this.#timer;
    if (timer?.state === 'warning') {
      // Any key answers "Are you still there?", and does nothing else.
      event.preventDefault();
      event.stopImmediatePropagation();
      timer.activity();
      return;
    }
    timer?.activity();
    if (event.defaultPrevented || !this.#keymap) return;
    const active = deepActiveElement();
    const onSlider = active instanceof HTMLInputElement && active.type === 'range';
    const action = keypadAction(this.#keymap, event, onSlider);
    switch (action) {
      case 'next':
      case 'previous':
        event.preventDefault();
        this.#move(action === 'next' ? 1 : -1, active);
        break;
      case 'activate':
        if (active instanceof HTMLElement && active !== document.body && !(active instanceof HTMLSelectElement) && !onSlider) {
          event.preventDefault();
          active.click();
          this.#speech.activated();
        }
        break;
      case 'back':
        // Open dialogs close themselves on Escape (native <dialog>); from the sentences, back to the bar.
        if (!frontModalDialog() && active?.matches(SENTENCE)) {
          event.preventDefault();
          this.#bar?.focusRead();
        }
        break;
      case 'help':
        event.preventDefault();
        void this.#openHelp();
        break;
      case 'notes':
        // The editor's notes on the sentence being read (the reader bar's "Notes for this sentence").
        if (!frontModalDialog()) {
          event.preventDefault();
          void this.#options.narration.command('notes');
        }
        break;
      default:
        // Slider keys and other keys keep their usual meaning.
        break;
    }
  };

  /** Moves focus by `step` within the open dialog, the sentences, or the reader bar (wrapping). */
  #move(step: 1 | -1, active: Element | null): void {
    const dialog = frontModalDialog();
    if (!dialog && active?.matches(SENTENCE) && this.#host.contains(active)) {
      const sentences = [...this.#host.querySelectorAll<HTMLElement>(SENTENCE)];
      const index = sentences.indexOf(active as HTMLElement);
      const next = sentences[Math.min(sentences.length - 1, Math.max(0, index + step))];
      if (next && next !== active) {
        this.#speech.readNextSentence();
        focusSentence(next);
      }
      return;
    }
    const row = this.#host.querySelector('.ne-toolbar-row');
    const scope: Element | null = dialog ?? row;
    if (!scope) return;
    const controls = keypadControls(scope);
    if (controls.length === 0) {
      if (dialog) dialog.focus();
      return;
    }
    const index = active ? controls.indexOf(active as HTMLElement) : -1;
    const next =
      index < 0 ? (step > 0 ? controls[0] : controls[controls.length - 1]) : controls[(index + step + controls.length) % controls.length];
    next?.focus();
  }

  /** "Read the text": focus the sentence being read, else the first one of the text. */
  #enterText(): void {
    const host = this.#host;
    const current = this.#options.narration.currentSentenceId;
    const target =
      (current ? host.querySelector<HTMLElement>(`${SENTENCE}[id="${CSS.escape(current)}"]`) : null) ??
      host.querySelector<HTMLElement>(`.ne-text ${SENTENCE}`) ??
      host.querySelector<HTMLElement>(SENTENCE);
    if (!target) return;
    this.#speech.readNextSentence();
    focusSentence(target);
  }

  readonly #onStart = (): void => {
    this.#speech.started();
    this.#attract = false;
    this.#host.requestUpdate();
    this.#timer?.start();
    void this.#host.updateComplete.then(() => {
      window.scrollTo({ top: 0, left: 0, behavior: 'instant' });
      const row = this.#host.querySelector('.ne-toolbar-row');
      const first = row ? keypadControls(row)[0] : undefined;
      first?.focus();
    });
  };

  readonly #onContinue = (): void => {
    this.#timer?.activity();
  };

  readonly #onTextSize = (event: KioskTextSizeEvent): void => {
    const model = this.#options.settings();
    if (!model) return;
    const { min, max } = SETTING_DESCRIPTORS.textSize;
    const value = Math.min(max, Math.max(min, model.settings.textSize + event.step * TEXT_SIZE_STEP));
    model.set({ key: 'textSize', value });
  };

  readonly #onVolume = (event: KioskVolumeEvent): void => {
    const narration = this.#options.narration;
    void narration.setVolume(Math.round((narration.volume + event.step * VOLUME_STEP) * 10) / 10);
  };

  #help(): KioskHelpElement | null {
    return this.#host.querySelector('.ne-layer kiosk-help');
  }

  async #openHelp(): Promise<void> {
    const active = deepActiveElement();
    const context: HelpContext = frontModalDialog() ? 'dialog' : active?.matches(SENTENCE) ? 'text' : 'bar';
    await this.#host.updateComplete;
    const help = this.#help();
    if (!help) return;
    help.context = context;
    await help.show();
  }
}

/** Focuses a sentence (focusable from script only unless "Tab to each sentence" is on). */
function focusSentence(sentence: HTMLElement): void {
  if (!sentence.hasAttribute('tabindex')) sentence.tabIndex = -1;
  sentence.focus();
}

