/**
 * <kiosk-bar>: the kiosk's row in the reader bar: "Read the text" (the keypad's way into the
 * sentences), text size A− / A+ (kiosk browsers lock pinch-zoom), narration volume Quieter /
 * Louder, Help, and the always-reachable Start again (<kiosk-home>). It renders the values it is
 * handed and sends the visitor's intent up; the kiosk controller acts on it.
 */
import { LitElement, css, html, svg, type PropertyValues, type SVGTemplateResult, type TemplateResult } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { kioskStyles } from '../../kiosk/kiosk.styles.ts';
import { visuallyHiddenStyles } from '../../ui/control.styles.ts';
import '../kiosk-home/kiosk-home.ts';
import { KIOSK_TEXT } from '../../kiosk/speech/phrases.ts';
import type { KioskHomeElement } from '../kiosk-home/kiosk-home.ts';
import {
  KioskHelpRequestEvent,
  KioskReadTextEvent,
  KioskSpeechToggleEvent,
  KioskTextSizeEvent,
  KioskVolumeEvent,
} from './events.ts';

const ICONS = {
  read: svg`<path d="M3 5.5C6 4 9 4 12 6c3-2 6-2 9-.5V19c-3-1.5-6-1.5-9 .5-3-2-6-2-9-.5zM12 6v13.5" fill="none" stroke="currentColor" stroke-width="2" stroke-linejoin="round" />`,
  quieter: svg`<path d="M4 9h4l5-4v14l-5-4H4z" fill="currentColor" /><path d="M16 12h5" stroke="currentColor" stroke-width="2.5" stroke-linecap="round" />`,
  louder: svg`<path d="M4 9h4l5-4v14l-5-4H4z" fill="currentColor" /><path d="M15.5 12h6M18.5 9v6" stroke="currentColor" stroke-width="2.5" stroke-linecap="round" />`,
  speech: svg`<path d="M4 9h4l5-4v14l-5-4H4z" fill="none" stroke="currentColor" stroke-width="2" stroke-linejoin="round" /><path d="M16 8.5a5 5 0 0 1 0 7M18.5 6a8.5 8.5 0 0 1 0 12" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" />`,
  help: svg`<circle cx="12" cy="12" r="9" fill="none" stroke="currentColor" stroke-width="2" /><path d="M9.5 9.5a2.5 2.5 0 1 1 3.5 2.3c-.7.3-1 .9-1 1.7M12 17h.01" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" />`,
} satisfies Record<string, SVGTemplateResult>;

function icon(shape: SVGTemplateResult): TemplateResult {
  return html`<svg class="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">${shape}</svg>`;
}

/**
 * @summary Kiosk controls: Read the text, text size, volume, Help and Start again.
 *
 * @fires kiosk-read-text - `KioskReadTextEvent`: "Read the text" was pressed.
 * @fires kiosk-text-size - `KioskTextSizeEvent`: A− (step −1) or A+ (step 1).
 * @fires kiosk-volume - `KioskVolumeEvent`: Quieter (step −1) or Louder (step 1).
 * @fires kiosk-help-request - `KioskHelpRequestEvent`: Help was pressed.
 * @fires kiosk-speech-toggle - `KioskSpeechToggleEvent`: "Spoken help" was pressed.
 * @fires kiosk-restart - `KioskRestartEvent` (from `<kiosk-home>`): the visitor confirmed Start again.
 *
 * @csspart base - The `role="group"` wrapper ("Kiosk").
 *
 * @cssprop --ne-surface - Button background.
 * @cssprop --ne-text - Text colour.
 * @cssprop --ne-border - Borders.
 * @cssprop --ne-focus - Focus ring.
 * @cssprop --ne-text-scale - Text size factor.
 */
@customElement('kiosk-bar')
export class KioskBarElement extends LitElement {
  static override styles = [
    kioskStyles,
    visuallyHiddenStyles,
    css`
      :host {
        display: block;
        color: var(--_text);
        font-size: calc(1rem * var(--_ui-scale));
        line-height: 1.3;
      }
      .bar {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 0.5rem 1rem;
        padding: 0.375rem 0.75rem;
      }
      .pair {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 0.5rem;
      }
      .value {
        min-inline-size: 4.5em;
        font-variant-numeric: tabular-nums;
      }
      .glyph {
        font-size: 1.25em;
        line-height: 1;
      }
      .home {
        margin-inline-start: auto;
      }
      .speech[aria-pressed='true'] {
        outline: 3px solid currentColor;
        outline-offset: -6px;
      }
      .notice {
        margin: 0.25rem 0.75rem 0.5rem;
        font-weight: 700;
      }
    `,
  ];

  /** Text size in percent. */
  @property({ type: Number, attribute: 'text-size' }) textSize = 100;
  @property({ type: Number, attribute: 'text-size-min' }) textSizeMin = 100;
  @property({ type: Number, attribute: 'text-size-max' }) textSizeMax = 300;

  /** Narration volume, 0–1. */
  @property({ type: Number }) volume = 1;

  /** Whether the kiosk's spoken help is on (the "Spoken help" toggle's state). */
  @property({ type: Boolean, attribute: 'speech-on' }) speechOn = false;

  /** Shown when spoken help cannot work on this kiosk (no voice and no recording), else null. */
  @property({ attribute: false }) speechNotice: string | null = null;

  /** The last change, for the status region. */
  @state() private announcement = '';

  @query('kiosk-home') private home?: KioskHomeElement;
  @query('.read') private readButton?: HTMLButtonElement;

  /** Which change the visitor made last ('text' or 'volume'), announced when the value arrives. */
  private pending: 'text' | 'volume' | null = null;

  /** Puts focus on "Read the text" (the way back from the sentences). */
  focusRead(): void {
    this.readButton?.focus();
  }

  /** Closes the Start again confirmation if it is open. */
  closeDialogs(): void {
    this.home?.close();
  }

  override willUpdate(changed: PropertyValues<this>): void {
    if (this.pending === 'text' && changed.has('textSize')) this.announcement = `Text size ${this.textSize}%`;
    if (this.pending === 'volume' && changed.has('volume')) this.announcement = `Volume ${this.volumePercent}%`;
    if (changed.has('textSize') || changed.has('volume')) this.pending = null;
  }

  private get volumePercent(): number {
    return Math.round(this.volume * 100);
  }

  private emit(event: Event, pending: 'text' | 'volume' | null, unavailable = false): void {
    if (unavailable) return;
    this.pending = pending;
    this.dispatchEvent(event);
  }

  override render() {
    const smaller = this.textSize <= this.textSizeMin;
    const larger = this.textSize >= this.textSizeMax;
    const quiet = this.volume <= 0;
    const loud = this.volume >= 1;
    return html`
      <div class="bar" part="base" role="group" aria-label="Kiosk">
        <button type="button" class="read" @click=${() => this.emit(new KioskReadTextEvent(), null)}>
          ${icon(ICONS.read)}<span>Read the text</span>
        </button>
        <div class="pair" role="group" aria-label="Text size">
          <button
            type="button"
            class="smaller"
            aria-describedby="size-value"
            aria-disabled=${smaller ? 'true' : 'false'}
            @click=${() => this.emit(new KioskTextSizeEvent(-1), 'text', smaller)}
          >
            <span class="glyph" aria-hidden="true">A−</span><span>Smaller text</span>
          </button>
          <span class="value" id="size-value"><span class="visually-hidden">Text size </span>${this.textSize}%</span>
          <button
            type="button"
            class="larger"
            aria-describedby="size-value"
            aria-disabled=${larger ? 'true' : 'false'}
            @click=${() => this.emit(new KioskTextSizeEvent(1), 'text', larger)}
          >
            <span class="glyph" aria-hidden="true">A+</span><span>Larger text</span>
          </button>
        </div>
        <div class="pair" role="group" aria-label="Volume">
          <button
            type="button"
            class="quieter"
            aria-describedby="volume-value"
            aria-disabled=${quiet ? 'true' : 'false'}
            @click=${() => this.emit(new KioskVolumeEvent(-1), 'volume', quiet)}
          >
            ${icon(ICONS.quieter)}<span>Quieter</span>
          </button>
          <span class="value" id="volume-value">Volume ${this.volumePercent}%</span>
          <button
            type="button"
            class="louder"
            aria-describedby="volume-value"
            aria-disabled=${loud ? 'true' : 'false'}
            @click=${() => this.emit(new KioskVolumeEvent(1), 'volume', loud)}
          >
            ${icon(ICONS.louder)}<span>Louder</span>
          </button>
        </div>
        <button
          type="button"
          class="speech"
          aria-pressed=${this.speechOn ? 'true' : 'false'}
          @click=${() => this.emit(new KioskSpeechToggleEvent(), null)}
        >
          ${icon(ICONS.speech)}<span>${KIOSK_TEXT.spokenHelp}</span>
        </button>
        <button type="button" class="help" aria-haspopup="dialog" @click=${() => this.emit(new KioskHelpRequestEvent(), null)}>
          ${icon(ICONS.help)}<span>Help</span>
        </button>
        <kiosk-home class="home"></kiosk-home>
      </div>
      ${this.speechNotice ? html`<p class="notice" part="notice">${this.speechNotice}</p>` : null}
      <p class="visually-hidden" role="status">${this.announcement}</p>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kiosk-bar': KioskBarElement;
  }
}
