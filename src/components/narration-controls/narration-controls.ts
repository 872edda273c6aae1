/**
 * <narration-controls>: the read-aloud transport bar (play/pause, stop, previous/next sentence and
 * paragraph, speed, voices and shortcut help). It renders the narration snapshot it is handed,
 * sends the reader's intent up as typed events, and announces state changes (never sentences)
 * through one polite status region. It never talks to the narration engine itself.
 */
import { LitElement, html, nothing, svg, type PropertyValues, type SVGTemplateResult, type TemplateResult } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import type { SpeakerId } from '../../content/model.ts';
import {
  HelpOpenRequestEvent,
  NARRATION_RATE_RANGE,
  NarrationCommandEvent,
  NarrationRateEvent,
  VoicesOpenRequestEvent,
  describeRate,
  normalizeRate,
  speakerLabel,
  type NarrationCommand,
} from './events.ts';
import { narrationControlsStyles } from './narration-controls.styles.ts';
import { DEFAULT_SHORTCUTS } from '../../narration/shortcuts.ts';
import { deepActiveElement } from '../../ui/focus.ts';

/** The narration's one status value (same values as the engine's `NarrationStatus`). */
export type NarrationViewStatus = 'idle' | 'loading' | 'playing' | 'paused' | 'ended' | 'error';

/**
 * What the controls need from the narration: structurally the engine's `NarrationSnapshot`, so a
 * snapshot can be passed in as it is without this file importing the engine.
 */
export interface NarrationView {
  status: NarrationViewStatus;
  /** 0-based index of the current sentence. */
  index: number;
  /** Number of sentences. */
  total: number;
  currentId: string | null;
  speaker: SpeakerId | null;
  /** Display name of the current speaker ("Stalin"). */
  speakerName: string | null;
  error: { code: string; message: string } | null;
  /** Overall speed, 0.5–2. */
  rate: number;
  /** The annotation marks the current speaker as uncertain: "Speaker: probably Molotov". */
  speakerUncertain?: boolean;
  /** Id of the Editor's aside being read (the content notice, a note…): "Speaker: Editor". */
  aside?: string | null;
  /** Number of glossary entries and notes on the current sentence. */
  notes?: number;
  /** The other voices of the current sentence ("Compiler" inside a Kollontai sentence). */
  otherSpeakerNames?: readonly string[];
}

/** The keyboard shortcut of each command, from the one keymap (`narration/shortcuts.ts`). */
export const NARRATION_SHORTCUT_KEYS: Readonly<Partial<Record<NarrationCommand, string>>> = Object.fromEntries(
  DEFAULT_SHORTCUTS.map((shortcut) => [shortcut.command, shortcut.keys]),
);

const IDLE_VIEW: NarrationView = {
  status: 'idle',
  index: 0,
  total: 0,
  currentId: null,
  speaker: null,
  speakerName: null,
  error: null,
  rate: 1,
};

/** Shown when the engine reports an error without a message. */
const GENERIC_ERROR = 'Reading aloud stopped because of a problem.';

// ---- Icons (decorative: every button has a visible text label) ----

const ICONS = {
  play: svg`<path d="M8 5v14l11-7z" fill="currentColor" />`,
  pause: svg`<path d="M7 5h4v14H7zM13 5h4v14h-4z" fill="currentColor" />`,
  loading: svg`<circle cx="12" cy="12" r="8" fill="none" stroke="currentColor" stroke-width="2.5" stroke-dasharray="4 3" />`,
  stop: svg`<path d="M6 6h12v12H6z" fill="currentColor" />`,
  previous: svg`<path d="M6 5h2.5v14H6zM20 5v14L9.5 12z" fill="currentColor" />`,
  next: svg`<path d="M15.5 5H18v14h-2.5zM4 5v14l10.5-7z" fill="currentColor" />`,
  previousParagraph: svg`<path d="M12 5v14L3 12zM21 5v14l-9-7z" fill="currentColor" />`,
  nextParagraph: svg`<path d="M3 5v14l9-7zM12 5v14l9-7z" fill="currentColor" />`,
  resume: svg`<path d="M4 5h2.5v14H4zM9 5v14l11-7z" fill="currentColor" />`,
  voices: svg`<path d="M12 3a3 3 0 0 0-3 3v6a3 3 0 0 0 6 0V6a3 3 0 0 0-3-3zM6 11a6 6 0 0 0 12 0M12 17v4M8.5 21h7" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" />`,
  notes: svg`<path d="M6 3h9l4 4v14H6z M15 3v4h4 M9 11h7M9 15h7" fill="none" stroke="currentColor" stroke-width="2" stroke-linejoin="round" />`,
  link: svg`<path d="M10 14a4 4 0 0 0 5.7 0l3-3a4 4 0 0 0-5.7-5.7l-1 1M14 10a4 4 0 0 0-5.7 0l-3 3a4 4 0 0 0 5.7 5.7l1-1" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" />`,
  keyboard: svg`<rect x="2.5" y="6" width="19" height="12" rx="2" fill="none" stroke="currentColor" stroke-width="2" /><path d="M6 10h1.5M10 10h1.5M14 10h1.5M18 10h.01M7.5 14h9" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" />`,
} satisfies Record<string, SVGTemplateResult>;

function icon(shape: SVGTemplateResult): TemplateResult {
  return html`<svg class="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">${shape}</svg>`;
}

/** The three faces of the play/pause toggle. */
type ToggleFace = 'play' | 'pause' | 'loading';
const TOGGLE_LABELS: Record<ToggleFace, string> = { play: 'Play', pause: 'Pause', loading: 'Loading…' };

/**
 * @summary Read-aloud controls: play/pause, stop, previous/next sentence and paragraph, speed,
 * position and speaker, and buttons for the Voices and Keyboard-shortcuts dialogs.
 *
 * State comes in through `view` (a narration snapshot). The play/pause toggle changes its name
 * ("Play", "Pause", "Loading…") instead of using `aria-pressed`. The only live region is one
 * `role="status"` paragraph that announces "Playing", "Paused", "Stopped", "Finished" and error
 * messages, once per change of state, never per sentence.
 *
 * @fires narration-command - `NarrationCommandEvent`: a transport button was pressed. The toggle
 *   sends `play` or `pause` (what its label said; `toggle` while it shows "Loading…"); the resume
 *   button sends `resume-saved`.
 * @fires narration-rate - `NarrationRateEvent`: the speed slider moved (on `input`).
 * @fires voice-settings-request - `VoicesOpenRequestEvent`: "Voices…" was pressed.
 * @fires narration-help-request - `HelpOpenRequestEvent`: "Keyboard shortcuts" was pressed.
 *
 * @csspart base - The `role="group"` wrapper ("Narration").
 * @csspart transport - The row of transport buttons.
 * @csspart toggle - The play/pause button.
 * @csspart speed - The speed label, value and slider.
 * @csspart position - "Sentence N of M" and the speaker.
 * @csspart more - The "Voices…" and "Keyboard shortcuts" buttons.
 * @csspart error - The visible error message.
 * @csspart notice - The visible notice (e.g. the switch to recorded narration).
 *
 * @cssprop --ne-surface - Background of the buttons.
 * @cssprop --ne-text - Text and icon colour.
 * @cssprop --ne-text-muted - Secondary text (position, unavailable buttons).
 * @cssprop --ne-accent - Slider colour.
 * @cssprop --ne-border - Button borders.
 * @cssprop --ne-focus - Focus ring.
 * @cssprop --ne-font-family - Font.
 * @cssprop --ne-text-scale - Text size factor (capped at 1.5 on small screens).
 */
@customElement('narration-controls')
export class NarrationControlsElement extends LitElement {
  static override styles = narrationControlsStyles;

  /** The narration state to show (a `NarrationSnapshot` fits). */
  @property({ attribute: false }) view: NarrationView = IDLE_VIEW;

  /** A saved reading position; while idle it offers "Resume from sentence N". */
  @property({ attribute: false }) savedPosition: { index: number } | null = null;

  /** Whether the Alt+Shift shortcuts are on (only sets `aria-keyshortcuts` on the buttons). */
  @property({ type: Boolean, attribute: 'shortcuts-enabled' }) shortcutsEnabled = false;

  /** After a recording fault, offer the device voice (a button next to the message). */
  @property({ type: Boolean, attribute: false }) offerDeviceVoice = false;

  /** A short notice from the narration (e.g. "Playing the recorded narration…"), shown and announced once. */
  @property({ attribute: false }) notice: string | null = null;

  /** A short message to announce politely, not shown ("Link copied"); a new serial re-announces the same text. */
  @property({ attribute: false }) message: { text: string; serial: number } | null = null;

  /** Text of the status region: the last state change. */
  @state() private announcement = '';

  /** Speed the reader just chose, shown until the owner hands down the next `view`. */
  @state() private draftRate: number | null = null;

  @query('.toggle') private toggleButton?: HTMLButtonElement;

  /** Last status other than `loading`: what the reader was last told. */
  private stableStatus: NarrationViewStatus = 'idle';
  private stableError: string | null = null;
  /** A `loading` phase happened since `stableStatus` (a new attempt, e.g. after an error). */
  private sawLoading = false;
  private announceTimer: ReturnType<typeof setTimeout> | undefined;
  /** The resume button was pressed: give focus to the toggle if that button goes away. */
  private resumeFocusPending = false;

  // ---- Lifecycle ----

  override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('view')) {
      this.trackStatus(this.view);
      this.draftRate = null;
    }
    if (changed.has('notice') && this.notice) this.announce(this.notice);
    if (changed.has('message') && this.message && this.message.serial !== changed.get('message')?.serial) {
      this.announce(this.message.text);
    }
  }

  override updated(): void {
    if (this.resumeFocusPending && !this.showResume) {
      this.resumeFocusPending = false;
      // The focused resume button was removed: focus fell to <body>. Put it on the toggle.
      const active = deepActiveElement(this.ownerDocument);
      if (active === null || active === this.ownerDocument.body || active === this) this.toggleButton?.focus();
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.announceTimer);
    this.announceTimer = undefined;
  }

  // ---- Status announcements ----

  private trackStatus(view: NarrationView): void {
    const next = view.status;
    if (next === 'loading') {
      this.sawLoading = true;
      return;
    }
    const previous = this.stableStatus;
    const message = next === 'error' ? view.error?.message || GENERIC_ERROR : null;
    const repeatedError = next === 'error' && previous === 'error' && message === this.stableError && !this.sawLoading;
    const text = next === previous && next !== 'error' ? null : repeatedError ? null : this.announcementFor(previous, next, message);
    this.stableStatus = next;
    this.stableError = message;
    this.sawLoading = false;
    if (text) this.announce(text);
  }

  private announcementFor(previous: NarrationViewStatus, next: NarrationViewStatus, message: string | null): string | null {
    switch (next) {
      case 'playing':
        return 'Playing';
      case 'paused':
        return 'Paused';
      case 'ended':
        return 'Finished';
      case 'error':
        return message;
      case 'idle':
        return previous === 'playing' || previous === 'paused' ? 'Stopped' : null;
      case 'loading':
        return null;
    }
  }

  /** Puts `text` in the status region; the same text again is cleared first so it is re-read. */
  private announce(text: string): void {
    clearTimeout(this.announceTimer);
    this.announceTimer = undefined;
    if (text !== this.announcement) {
      this.announcement = text;
      return;
    }
    this.announcement = '';
    this.announceTimer = setTimeout(() => {
      this.announceTimer = undefined;
      this.announcement = text;
    }, 150);
  }

  // ---- Derived state ----

  private get toggleFace(): ToggleFace {
    switch (this.view.status) {
      case 'playing':
        return 'pause';
      case 'loading':
        return 'loading';
      default:
        return 'play';
    }
  }

  private get showResume(): boolean {
    const saved = this.savedPosition;
    return this.view.status === 'idle' && saved !== null && Number.isInteger(saved.index) && saved.index >= 0;
  }

  private keys(command: NarrationCommand): string | typeof nothing {
    return this.shortcutsEnabled ? (NARRATION_SHORTCUT_KEYS[command] ?? nothing) : nothing;
  }

  // ---- Handlers ----

  private emit(command: NarrationCommand, event: Event): void {
    const button = event.currentTarget as HTMLElement | null;
    if (button?.getAttribute('aria-disabled') === 'true') return;
    this.dispatchEvent(new NarrationCommandEvent(command));
  }

  private readonly onToggleClick = (event: Event): void => {
    const face = this.toggleFace;
    this.emit(face === 'pause' ? 'pause' : face === 'play' ? 'play' : 'toggle', event);
  };

  private readonly onResumeClick = (event: Event): void => {
    this.resumeFocusPending = true;
    this.emit('resume-saved', event);
  };

  private readonly onRateInput = (event: Event): void => {
    const input = event.target as HTMLInputElement;
    const rate = normalizeRate(Number(input.value));
    // Show and speak the new value now; the owner's new `view` follows.
    this.draftRate = rate;
    if (rate !== this.view.rate) this.dispatchEvent(new NarrationRateEvent(rate));
  };

  private readonly onVoicesClick = (): void => {
    this.dispatchEvent(new VoicesOpenRequestEvent());
  };

  private readonly onUseDeviceVoiceClick = (): void => {
    this.dispatchEvent(new NarrationCommandEvent('use-device-voice'));
  };

  private readonly onHelpClick = (): void => {
    this.dispatchEvent(new HelpOpenRequestEvent());
  };

  // ---- Rendering ----

  override render() {
    const { status, error } = this.view;
    return html`
      <div class="controls" part="base" role="group" aria-label="Narration">
        <div class="transport" part="transport">
          ${this.renderToggle()} ${this.showResume ? this.renderResume() : nothing}
          ${this.renderButton('stop', 'Stop', ICONS.stop, status === 'idle' || status === 'ended')}
          ${this.renderButton('previous', 'Previous sentence', ICONS.previous)}
          ${this.renderButton('next', 'Next sentence', ICONS.next)}
          ${this.renderButton('previous-paragraph', 'Previous paragraph', ICONS.previousParagraph)}
          ${this.renderButton('next-paragraph', 'Next paragraph', ICONS.nextParagraph)}
        </div>
        ${this.renderSpeed()} ${this.renderPosition()}
        <div class="more" part="more">
          ${this.renderButton('notes', 'Notes for this sentence', ICONS.notes, !this.view.notes)}
          ${this.renderButton('copy-link', 'Copy link to this sentence', ICONS.link, this.view.total === 0)}
          <button type="button" aria-haspopup="dialog" @click=${this.onVoicesClick}>
            ${icon(ICONS.voices)}<span>Voices…</span>
          </button>
          <button type="button" aria-haspopup="dialog" @click=${this.onHelpClick}>
            ${icon(ICONS.keyboard)}<span>Keyboard shortcuts</span>
          </button>
        </div>
        ${status === 'error'
          ? html`<p class="error" part="error" role="none">${error?.message || GENERIC_ERROR}</p>
              ${this.offerDeviceVoice
                ? html`<button type="button" class="offer" part="offer" @click=${this.onUseDeviceVoiceClick}>Read on with the device voice</button>`
                : nothing}`
          : this.notice
            ? html`<p class="error notice" part="notice" role="none">${this.notice}</p>`
            : nothing}
      </div>
      <p class="visually-hidden" role="status">${this.announcement}</p>
    `;
  }

  private renderToggle(): TemplateResult {
    const face = this.toggleFace;
    // All three labels share one grid cell, so the button is as wide as the longest and does not
    // jump when the label flips. Only the current one is rendered visibly (and so named).
    return html`
      <button type="button" class="toggle" part="toggle" aria-keyshortcuts=${this.keys('toggle')} @click=${this.onToggleClick}>
        ${icon(ICONS[face])}
        <span class="faces">
          ${(Object.keys(TOGGLE_LABELS) as ToggleFace[]).map((f) =>
            f === face
              ? html`<span class="face">${TOGGLE_LABELS[f]}</span>`
              : html`<span class="face ghost" aria-hidden="true">${TOGGLE_LABELS[f]}</span>`,
          )}
        </span>
      </button>
    `;
  }

  private renderResume(): TemplateResult {
    const n = (this.savedPosition?.index ?? 0) + 1;
    return html`
      <button type="button" class="resume" @click=${this.onResumeClick}>
        ${icon(ICONS.resume)}<span>Resume from sentence ${n}</span>
      </button>
    `;
  }

  private renderButton(command: NarrationCommand, label: string, shape: SVGTemplateResult, unavailable = false): TemplateResult {
    // aria-disabled rather than disabled: a disabled button would drop focus (e.g. Stop after it
    // is pressed) and vanish from the Tab order.
    return html`
      <button
        type="button"
        data-command=${command}
        aria-disabled=${unavailable ? 'true' : 'false'}
        aria-keyshortcuts=${this.keys(command)}
        @click=${(e: Event) => this.emit(command, e)}
      >
        ${icon(shape)}<span>${label}</span>
      </button>
    `;
  }

  private renderSpeed(): TemplateResult {
    const rate = normalizeRate(this.draftRate ?? this.view.rate);
    const text = describeRate(rate);
    const { min, max, step } = NARRATION_RATE_RANGE;
    return html`
      <div class="speed" part="speed">
        <label for="speed">Speed</label>
        <input
          type="range"
          id="speed"
          min=${min}
          max=${max}
          step=${step}
          .value=${live(String(rate))}
          aria-valuetext=${text.spoken}
          @input=${this.onRateInput}
        />
        <span class="value" aria-hidden="true">${text.short}</span>
      </div>
    `;
  }

  private renderPosition(): TemplateResult {
    const { index, total } = this.view;
    const speaker = speakerLabel(this.view);
    const hasPosition = total > 0 && index >= 0 && index < total;
    // Both parts keep their width whatever they say, so the controls after them never move.
    return html`
      <p class="position" part="position">
        <span class="sentence">${hasPosition ? `Sentence ${index + 1} of ${total}` : nothing}</span>
        <span class="speaker">${speaker ? `Speaker: ${speaker}` : nothing}</span>
      </p>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'narration-controls': NarrationControlsElement;
  }
}
