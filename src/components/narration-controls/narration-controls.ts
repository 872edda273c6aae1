/**
 * <narration-controls>: the reader bar. Play/Pause, previous/next sentence, the position and the
 * speaker in one row, and everything else (stop, paragraphs, speed, notes, link, voices, shortcut
 * help, reading settings) behind a "More" disclosure; in kiosk mode every control stays in view.
 * It renders the narration snapshot it is handed, sends the reader's intent up as typed events,
 * and announces state changes (never sentences) through one polite status region. It never talks
 * to the narration engine itself.
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
import { SettingsOpenRequestEvent } from '../reading-settings/events.ts';
import { DEFAULT_SHORTCUTS } from '../../narration/shortcuts.ts';
import { deepActiveElement } from '../../ui/focus.ts';
import { nextTask } from '../../ui/next-task.ts';

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

/** How long a tap or long press shows an icon button's label. */
const TOUCH_TIP_MS = 1500;

// ---- Icons (decorative: every button has a text label, shown or as a tooltip) ----

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
  settings: svg`<path d="M4 6h9M17 6h3M4 12h3M11 12h9M4 18h11M19 18h1" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" /><circle cx="15" cy="6" r="2" fill="none" stroke="currentColor" stroke-width="2" /><circle cx="9" cy="12" r="2" fill="none" stroke="currentColor" stroke-width="2" /><circle cx="17" cy="18" r="2" fill="none" stroke="currentColor" stroke-width="2" />`,
  more: svg`<circle cx="5" cy="12" r="2" fill="currentColor" /><circle cx="12" cy="12" r="2" fill="currentColor" /><circle cx="19" cy="12" r="2" fill="currentColor" />`,
  keyboard: svg`<rect x="2.5" y="6" width="19" height="12" rx="2" fill="none" stroke="currentColor" stroke-width="2" /><path d="M6 10h1.5M10 10h1.5M14 10h1.5M18 10h.01M7.5 14h9" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" />`,
} satisfies Record<string, SVGTemplateResult>;

function icon(shape: SVGTemplateResult): TemplateResult {
  return html`<svg class="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">${shape}</svg>`;
}

/** The three faces of the play/pause toggle. */
type ToggleFace = 'play' | 'pause' | 'loading';
const TOGGLE_LABELS: Record<ToggleFace, string> = { play: 'Play', pause: 'Pause', loading: 'Loading…' };

/**
 * When a button's label is shown as text, or kept as a tooltip (the same span, so it stays the
 * accessible name): `always` shown; `icon` always a tooltip (Previous/Next sentence: icon buttons
 * beside Play, so Play stays the largest control); `phone` a tooltip at 600 px and less; `tiny`
 * at 360 px and less. The styles do the switching.
 */
type LabelFit = 'always' | 'icon' | 'phone' | 'tiny';

/** Whether `node` is inside an open `<dialog>`, across shadow roots. */
function inOpenDialog(node: Element | null): boolean {
  let current: Element | null = node;
  while (current) {
    if (current.closest('dialog[open]')) return true;
    const root = current.getRootNode();
    current = root instanceof ShadowRoot ? root.host : null;
  }
  return false;
}

/**
 * @summary The reader bar: Play/Pause, previous/next sentence, position and speaker, and a "More"
 * disclosure with stop, previous/next paragraph, speed, notes, copy link, voices, keyboard
 * shortcuts and reading settings.
 *
 * State comes in through `view` (a narration snapshot). The play/pause toggle changes its name
 * ("Play", "Pause", "Loading…") instead of using `aria-pressed`. The only live region is one
 * `role="status"` paragraph that announces "Paused", "Stopped", "Finished", errors and notices,
 * once per change of state, never per sentence; the start of playback is not announced (the
 * toggle's new name says it, and the region must not talk over the first sentence).
 *
 * "More" is a disclosure button (`aria-expanded`, `aria-controls`) for the panel after it: Tab
 * goes on into the panel; Escape closes it and gives focus back to "More"; a click or tap outside,
 * or focus leaving for the page, closes it (focus moving into a dialog opened from it does not).
 * The panel opens below the button, or above it where the page docks the bar at the bottom
 * (`--ne-bar-popup-top`/`--ne-bar-popup-bottom`). In kiosk mode (`kiosk`) there is no "More":
 * every control is in view, "Reading settings" first, in the order the kiosk keypad walks.
 *
 * @fires narration-command - `NarrationCommandEvent`: a transport button was pressed. The toggle
 *   sends `play` or `pause` (what its label said; `toggle` while it shows "Loading…"); the resume
 *   button sends `resume-saved`.
 * @fires narration-rate - `NarrationRateEvent`: the speed slider moved (on `input`).
 * @fires voice-settings-request - `VoicesOpenRequestEvent`: "Voices…" was pressed.
 * @fires narration-help-request - `HelpOpenRequestEvent`: "Keyboard shortcuts" was pressed.
 * @fires settings-open-request - `SettingsOpenRequestEvent`: "Reading settings" was pressed.
 *
 * @csspart base - The `role="group"` wrapper ("Narration").
 * @csspart transport - The main row (kiosk: the row of transport buttons).
 * @csspart toggle - The play/pause button.
 * @csspart speed - The speed label, value and slider.
 * @csspart position - The position ("12 / 193", read as "Sentence 12 of 193") and the speaker.
 * @csspart more-button - The "More" button.
 * @csspart more - The "More" panel (kiosk: the row of Notes, Copy link, Voices… and Keyboard shortcuts).
 * @csspart error - The visible error message.
 * @csspart notice - The visible notice (e.g. the switch to recorded narration).
 *
 * @cssprop --ne-surface - Background of the buttons and the panel.
 * @cssprop --ne-text - Text and icon colour.
 * @cssprop --ne-text-muted - Secondary text (position, unavailable buttons).
 * @cssprop --ne-accent - Slider colour.
 * @cssprop --ne-border - Button borders.
 * @cssprop --ne-focus - Focus ring.
 * @cssprop --ne-font-family - Font.
 * @cssprop --ne-text-scale - Text size factor (capped at 1.5 on small screens).
 * @cssprop --ne-toolbar-height - Measured height of the bar's row (limits the panel's height).
 * @cssprop --ne-bar-popup-top - Where the panel and tooltips open (default: below the bar).
 * @cssprop --ne-bar-popup-bottom - Set (and the top to `auto`) to open them above a bar docked at the bottom.
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

  /** Kiosk layout: every control in view (no "More"), "Reading settings" first. */
  @property({ type: Boolean, reflect: true }) kiosk = false;

  /** Text of the status region: the last state change. */
  @state() private announcement = '';

  /** Speed the reader just chose, shown until the owner hands down the next `view`. */
  @state() private draftRate: number | null = null;

  /** Whether the "More" panel is open. */
  @state() private moreOpen = false;

  /**
   * Whether the closed "More" panel has its controls yet: they are rendered a task after the bar's
   * first render (or at once when it opens), which keeps that render short on a slow phone.
   */
  @state() private panelFilled = false;
  private panelFillTimer: ReturnType<typeof setTimeout> | undefined;

  @query('.toggle') private toggleButton?: HTMLButtonElement;
  @query('.more-button') private moreButton?: HTMLButtonElement;

  /** Last status other than `loading`: what the reader was last told. */
  private stableStatus: NarrationViewStatus = 'idle';
  private stableError: string | null = null;
  /** A `loading` phase happened since `stableStatus` (a new attempt, e.g. after an error). */
  private sawLoading = false;
  private announceTimer: ReturnType<typeof setTimeout> | undefined;
  /** The resume button was pressed: give focus to the toggle if that button goes away. */
  private resumeFocusPending = false;
  /** Listeners that exist only while the panel is open. */
  private openListeners: AbortController | null = null;
  /** The icon button whose label a touch shows for a moment (see `showTouchTip`). */
  private touchTipButton: HTMLElement | null = null;
  private touchTipTimer: ReturnType<typeof setTimeout> | undefined;

  // ---- Lifecycle ----

  override connectedCallback(): void {
    super.connectedCallback();
    this.addEventListener('focusout', this.onFocusOut);
  }

  /**
   * The first update waits for a task of its own: the bar's first render (its styles and every button) then
   * runs apart from this element's upgrade, so the start stays in short tasks on a slow phone.
   */
  protected override async scheduleUpdate(): Promise<void> {
    if (!this.hasUpdated) await nextTask();
    super.scheduleUpdate();
  }

  override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('view')) {
      this.trackStatus(this.view);
      this.draftRate = null;
    }
    if (changed.has('notice') && this.notice) this.announce(this.notice);
    if (changed.has('message') && this.message && this.message.serial !== changed.get('message')?.serial) {
      this.announce(this.message.text);
    }
    if (changed.has('kiosk') && this.kiosk) this.moreOpen = false;
  }

  override firstUpdated(): void {
    this.panelFillTimer = setTimeout(() => (this.panelFilled = true), 0);
  }

  override updated(changed: PropertyValues): void {
    if (changed.has('moreOpen')) this.listenWhileOpen(this.moreOpen);
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
    clearTimeout(this.panelFillTimer);
    this.panelFilled = true; // reconnected: render everything at once
    this.hideTouchTip();
    this.removeEventListener('focusout', this.onFocusOut);
    this.listenWhileOpen(false);
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
    // Playing: the last word ("Paused"…) no longer holds; emptying the region says nothing.
    else if (next === 'playing' && previous !== 'playing') this.clearAnnouncement();
  }

  private announcementFor(previous: NarrationViewStatus, next: NarrationViewStatus, message: string | null): string | null {
    switch (next) {
      case 'playing':
        // Not announced: the toggle now says "Pause", and the voice starts reading at once.
        return null;
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

  private clearAnnouncement(): void {
    clearTimeout(this.announceTimer);
    this.announceTimer = undefined;
    this.announcement = '';
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

  // ---- The "More" panel ----

  /** Closes the panel; `returnFocus` puts focus back on "More". */
  private closeMore(returnFocus: boolean): void {
    if (!this.moreOpen) return;
    this.moreOpen = false;
    if (returnFocus) this.moreButton?.focus();
  }

  /**
   * While open: a click or tap outside the bar closes the panel, and so does Escape wherever focus
   * is (after a tap, focus may not be in the bar); Escape gives focus back to "More" unless focus
   * had moved on into the page. Both leave an open dialog (opened from the panel) alone.
   */
  private listenWhileOpen(open: boolean): void {
    this.openListeners?.abort();
    this.openListeners = null;
    if (!open) return;
    this.openListeners = new AbortController();
    const { signal } = this.openListeners;
    const inDialog = (event: Event) => event.composedPath().some((node) => node instanceof Element && node.matches('dialog[open]'));
    const doc = this.ownerDocument;
    doc.addEventListener(
      'pointerdown',
      (event: PointerEvent) => {
        if (!event.composedPath().includes(this) && !inDialog(event)) this.closeMore(false);
      },
      { capture: true, signal },
    );
    doc.addEventListener(
      'keydown',
      (event: KeyboardEvent) => {
        if (event.key !== 'Escape' || event.defaultPrevented || inDialog(event)) return;
        const active = deepActiveElement(doc);
        const focusHere = !active || active === doc.body || event.composedPath().includes(this);
        event.preventDefault();
        this.closeMore(focusHere);
      },
      { signal },
    );
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

  private readonly onSettingsClick = (): void => {
    this.dispatchEvent(new SettingsOpenRequestEvent());
  };

  private readonly onMoreClick = (): void => {
    this.moreOpen = !this.moreOpen;
  };

  /**
   * Focus left a control of the bar: once it has landed, close the panel if focus is now
   * elsewhere in the page (Tab past the panel's end, Shift+Tab before "More"…). Focus that went
   * into a dialog opened from the panel keeps it open, so the dialog can give focus back to its
   * button; a blur with nowhere to go (the window lost focus) changes nothing.
   */
  private readonly onFocusOut = (event: FocusEvent): void => {
    if (!this.moreOpen || event.relatedTarget === null) return;
    setTimeout(() => {
      if (!this.moreOpen) return;
      const active = deepActiveElement(this.ownerDocument);
      if (!active || active === this.ownerDocument.body) return;
      if (active === this || this.shadowRoot?.contains(active) || inOpenDialog(active)) return;
      this.closeMore(false);
    });
  };

  // ---- Labels for touch ----

  /**
   * A touch cannot hover, so an icon button's label (its tooltip) would never be seen by a phone
   * reader: a tap or a long press shows it for TOUCH_TIP_MS (`data-tip`; the styles show it only
   * where the label is a tooltip). A long press shows it without the browser's context menu.
   */
  private readonly onBarPointerUp = (event: PointerEvent): void => {
    if (event.pointerType === 'touch' || event.pointerType === 'pen') this.showTouchTip(event);
  };

  private readonly onBarContextMenu = (event: MouseEvent): void => {
    if (this.showTouchTip(event)) event.preventDefault();
  };

  private showTouchTip(event: Event): boolean {
    const button = event.composedPath().find((node): node is HTMLButtonElement => node instanceof HTMLButtonElement);
    if (!button?.querySelector(':scope > .label[data-fit]')) return false;
    this.hideTouchTip();
    this.touchTipButton = button;
    button.setAttribute('data-tip', '');
    this.touchTipTimer = setTimeout(() => this.hideTouchTip(), TOUCH_TIP_MS);
    return true;
  }

  private hideTouchTip(): void {
    clearTimeout(this.touchTipTimer);
    this.touchTipButton?.removeAttribute('data-tip');
    this.touchTipButton = null;
  }

  // ---- Rendering ----

  override render() {
    return html`
      ${this.kiosk ? this.renderAllInView() : this.renderBar()}
      <p class="visually-hidden" role="status">${this.announcement}</p>
    `;
  }

  /** The reader bar: the main row, then the "More" panel, then any message. */
  private renderBar(): TemplateResult {
    const { status } = this.view;
    return html`
      <div
        class="controls bar"
        part="base"
        role="group"
        aria-label="Narration"
        @pointerup=${this.onBarPointerUp}
        @contextmenu=${this.onBarContextMenu}
      >
        <div class="main" part="transport">
          ${this.renderToggle()}
          ${this.renderButton('previous', 'Previous sentence', ICONS.previous, false, 'icon')}
          ${this.renderButton('next', 'Next sentence', ICONS.next, false, 'icon')} ${this.renderPosition()}
          ${this.showResume ? this.renderResume() : nothing}
          <button
            type="button"
            class="more-button"
            part="more-button"
            aria-expanded=${this.moreOpen ? 'true' : 'false'}
            aria-controls="more-panel"
            @click=${this.onMoreClick}
          >
            ${icon(ICONS.more)}${this.label('More', 'phone')}
          </button>
        </div>
        <div class="panel" id="more-panel" part="more" role="group" aria-label="More narration controls" ?hidden=${!this.moreOpen}>
          ${this.moreOpen || this.panelFilled
            ? html`
                ${this.renderButton('stop', 'Stop', ICONS.stop, status === 'idle' || status === 'ended')}
                <div class="pair">
                  ${this.renderButton('previous-paragraph', 'Previous paragraph', ICONS.previousParagraph)}
                  ${this.renderButton('next-paragraph', 'Next paragraph', ICONS.nextParagraph)}
                </div>
                ${this.renderSpeed()} ${this.renderSecondary()} ${this.renderSettings()}
              `
            : nothing}
        </div>
        ${this.renderMessage()}
      </div>
    `;
  }

  /** Kiosk: every control in view, in the keypad's order (the same order as before the bar). */
  private renderAllInView(): TemplateResult {
    const { status } = this.view;
    return html`
      <div class="controls all" part="base" role="group" aria-label="Narration">
        ${this.renderSettings()}
        <div class="transport" part="transport">
          ${this.renderToggle()} ${this.showResume ? this.renderResume() : nothing}
          ${this.renderButton('stop', 'Stop', ICONS.stop, status === 'idle' || status === 'ended')}
          ${this.renderButton('previous', 'Previous sentence', ICONS.previous)}
          ${this.renderButton('next', 'Next sentence', ICONS.next)}
          ${this.renderButton('previous-paragraph', 'Previous paragraph', ICONS.previousParagraph)}
          ${this.renderButton('next-paragraph', 'Next paragraph', ICONS.nextParagraph)}
        </div>
        ${this.renderSpeed()} ${this.renderPosition()}
        <div class="more" part="more">${this.renderSecondary()}</div>
        ${this.renderMessage()}
      </div>
    `;
  }

  /** A button's label: shown, or a tooltip on hover and focus where `fit` says (still its name). */
  private label(text: string, fit: LabelFit = 'always'): TemplateResult {
    return html`<span class="label" data-fit=${fit}>${text}</span>`;
  }

  private renderToggle(): TemplateResult {
    const face = this.toggleFace;
    // All three labels share one grid cell, so the button is as wide as the longest and does not
    // jump when the label flips. Only the current one is rendered visibly (and so named).
    return html`
      <button type="button" class="toggle" part="toggle" aria-keyshortcuts=${this.keys('toggle')} @click=${this.onToggleClick}>
        ${icon(ICONS[face])}
        <span class="label faces" data-fit="tiny">
          ${(Object.keys(TOGGLE_LABELS) as ToggleFace[]).map((f) =>
            f === face
              ? html`<span class="face">${TOGGLE_LABELS[f]}</span>`
              : html`<span class="face ghost" data-face=${f} aria-hidden="true">${TOGGLE_LABELS[f]}</span>`,
          )}
        </span>
      </button>
    `;
  }

  private renderResume(): TemplateResult {
    const n = (this.savedPosition?.index ?? 0) + 1;
    return html`
      <button type="button" class="resume" @click=${this.onResumeClick}>
        ${icon(ICONS.resume)}<span class="label">Resume from sentence ${n}</span>
      </button>
    `;
  }

  private renderButton(
    command: NarrationCommand,
    label: string,
    shape: SVGTemplateResult,
    unavailable = false,
    fit: LabelFit = 'always',
  ): TemplateResult {
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
        ${icon(shape)}${this.label(label, fit)}
      </button>
    `;
  }

  /** Notes, Copy link, Voices… and Keyboard shortcuts. */
  private renderSecondary(): TemplateResult {
    return html`
      ${this.renderButton('notes', 'Notes for this sentence', ICONS.notes, !this.view.notes)}
      ${this.renderButton('copy-link', 'Copy link to this sentence', ICONS.link, this.view.total === 0)}
      <button type="button" aria-haspopup="dialog" @click=${this.onVoicesClick}>
        ${icon(ICONS.voices)}${this.label('Voices…')}
      </button>
      <button type="button" aria-haspopup="dialog" @click=${this.onHelpClick}>
        ${icon(ICONS.keyboard)}${this.label('Keyboard shortcuts')}
      </button>
    `;
  }

  private renderSettings(): TemplateResult {
    return html`
      <button type="button" class="settings" aria-haspopup="dialog" @click=${this.onSettingsClick}>
        ${icon(ICONS.settings)}${this.label('Reading settings')}
      </button>
    `;
  }

  private renderMessage(): TemplateResult | typeof nothing {
    const { status, error } = this.view;
    if (status === 'error') {
      return html`<p class="error" part="error" role="none">${error?.message || GENERIC_ERROR}</p>
        ${this.offerDeviceVoice
          ? html`<button type="button" class="offer" part="offer" @click=${this.onUseDeviceVoiceClick}>Read on with the device voice</button>`
          : nothing}`;
    }
    return this.notice ? html`<p class="error notice" part="notice" role="none">${this.notice}</p>` : nothing;
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
    // Shown short ("12 / 193"), read in full ("Sentence 12 of 193"); "Speaker:" is hidden on a
    // phone, never for screen readers.
    return html`
      <p class="position" part="position">
        <span class="visually-hidden">${hasPosition ? `Sentence ${index + 1} of ${total}` : nothing}</span>
        <span class="sentence" aria-hidden="true">${hasPosition ? `${index + 1} / ${total}` : nothing}</span>
        <span class="speaker">${speaker ? html`<span class="speaker-prefix">Speaker: </span>${speaker}` : nothing}</span>
      </p>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'narration-controls': NarrationControlsElement;
  }
}
