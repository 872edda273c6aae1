/**
 * <voice-settings>: the "Voices" modal dialog. For each speaker it offers a choice of voice
 * (automatic or one of the device's English voices) and a preview, plus the overall speed. It
 * shows what it is handed and sends the reader's choices up as typed events; the root element
 * owns the casting and the engine.
 */
import { css, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import type { SpeakerId } from '../../content/model.ts';
import {
  NARRATION_RATE_RANGE,
  NarrationRateEvent,
  VoiceChoiceEvent,
  VoicePreviewEvent,
  NarrationSourceEvent,
  describeRate,
  normalizeRate,
} from '../narration-controls/events.ts';
import { ModalDialogElement } from '../../ui/modal-dialog-element.ts';
import { dialogFrameStyles } from '../../ui/dialog-frame.styles.ts';
import { buttonStyles, focusRingStyles, visuallyHiddenStyles } from '../../ui/control.styles.ts';

/** One speaker as the dialog shows it. */
export interface VoiceSettingsSpeaker {
  id: SpeakerId;
  /** Display name ("Stalin"). */
  name: string;
  /** The voice the speaker is read with now (automatic or chosen); null = the device default. */
  voiceName: string | null;
  /** The reader chose this voice (false = automatic casting). */
  overridden: boolean;
}

/** One voice the device offers. */
export interface VoiceSettingsVoice {
  name: string;
  lang: string;
}

/** Value of the "Automatic" option (voice names are never empty). */
const AUTOMATIC = '';

/**
 * @summary Modal dialog to choose and preview a voice per speaker, and set the overall speed.
 *
 * Open it with `show()` (or `open = true`); it remembers the element that had focus and gives
 * focus back to it on close, even inside another shadow root. Escape closes it (native `<dialog>`).
 *
 * @fires voice-choice - `VoiceChoiceEvent`: the reader chose a voice for a speaker
 *   (`voiceName` null = automatic).
 * @fires voice-preview - `VoicePreviewEvent`: the reader pressed a speaker's Preview button; carries
 *   the voice selected in that speaker's list.
 * @fires narration-rate - `NarrationRateEvent`: the speed slider moved (on `input`).
 *
 * @csspart dialog - The native `<dialog>`.
 * @csspart header - Title row with the Close button.
 * @csspart body - Speakers, speed and note.
 *
 * @cssprop --ne-surface - Dialog background.
 * @cssprop --ne-text - Text colour.
 * @cssprop --ne-text-muted - Note colour.
 * @cssprop --ne-accent - Slider colour.
 * @cssprop --ne-border - Borders.
 * @cssprop --ne-focus - Focus ring.
 * @cssprop --ne-font-family - Font.
 * @cssprop --ne-text-scale - Text size factor.
 */
@customElement('voice-settings')
export class VoiceSettingsElement extends ModalDialogElement {
  static override styles = [
    dialogFrameStyles,
    buttonStyles,
    focusRingStyles,
    visuallyHiddenStyles,
    css`
    .body {
      display: flex;
      flex-direction: column;
      gap: 1em;
    }
    p {
      margin: 0;
    }
    .note {
      color: var(--_muted);
    }
    .empty {
      font-weight: 700;
    }
    ul {
      display: flex;
      flex-direction: column;
      gap: 0.75em;
      margin: 0;
      padding: 0;
      list-style: none;
    }
    .source {
      margin: 0 0 1em;
      padding: 0.5em 0.75em 0.75em;
      border: 1px solid var(--_border);
      border-radius: 0.375rem;
    }
    .source legend {
      font-weight: 700;
      padding: 0 0.25em;
    }
    .source-option {
      display: flex;
      align-items: flex-start;
      gap: 0.5em;
      min-block-size: var(--_target);
      padding-block: 0.25em;
    }
    .source-option input {
      inline-size: 1.5em;
      block-size: 1.5em;
      margin: 0.1em 0 0;
      accent-color: var(--ne-accent);
      flex: none;
    }
    .source-option .hint {
      display: block;
      color: var(--ne-text-muted);
      font-size: 0.9em;
    }
    .speaker {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.25em 0.75em;
      min-inline-size: 0;
    }
    .speaker label {
      flex: 1 0 100%;
      font-weight: 700;
    }
    select {
      flex: 1 1 12em;
      min-inline-size: 0;
      max-inline-size: 100%;
      min-block-size: var(--_target);
      padding: 0.25em 0.5em;
      border: 2px solid var(--_border);
      border-radius: 0.375rem;
      background: var(--_bg);
      color: var(--_text);
      font: inherit;
      letter-spacing: inherit;
      word-spacing: inherit;
    }
    .speed {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      justify-content: space-between;
      gap: 0 1em;
    }
    .speed label {
      font-weight: 700;
    }
    .value {
      font-variant-numeric: tabular-nums;
    }
    input[type='range'] {
      display: block;
      flex: 1 0 100%;
      inline-size: 100%;
      min-inline-size: 0;
      block-size: var(--_target);
      margin: 0;
      accent-color: var(--_accent);
      cursor: pointer;
    }
    button {
      flex: none;
      padding: 0.25em 1em;
    }
    select:hover {
      border-color: var(--_text);
    }
    @media (forced-colors: active) {
      select {
        border-color: ButtonBorder;
      }
      .note {
        color: CanvasText;
      }
    }
  `,
  ];

  /** The speakers, in cast-list order. */
  @property({ attribute: false }) speakers: VoiceSettingsSpeaker[] = [];

  /** The English voices this device offers (empty: none, or not loaded yet). */
  @property({ attribute: false }) voices: VoiceSettingsVoice[] = [];

  /** Overall speed, 0.5–2. */
  @property({ type: Number }) rate = 1;

  /** What reads now: the device's voices or the recorded narration. */
  @property() source: 'device' | 'recorded' = 'device';

  /** The page forced the source (kiosk, embed): the choice is shown but cannot be changed. */
  @property({ type: Boolean, attribute: 'source-forced' }) sourceForced = false;

  /** Speed the reader just chose, shown until the owner hands down the next `rate`. */
  @state() private draftRate: number | null = null;

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('rate')) this.draftRate = null;
  }

  // ---- Handlers ----

  /** The voice selected in a speaker's list (null = automatic). */
  private selectedVoice(speaker: VoiceSettingsSpeaker): string | null {
    const select = this.renderRoot.querySelector<HTMLSelectElement>(`select[data-speaker="${CSS.escape(speaker.id)}"]`);
    const value = select ? select.value : this.currentValue(speaker);
    return value === AUTOMATIC ? null : value;
  }

  private onVoiceChange(speaker: VoiceSettingsSpeaker, event: Event): void {
    const value = (event.target as HTMLSelectElement).value;
    const voiceName = value === AUTOMATIC ? null : value;
    if (voiceName === (speaker.overridden ? speaker.voiceName : null)) return;
    this.dispatchEvent(new VoiceChoiceEvent(speaker.id, voiceName));
  }

  private onPreviewClick(speaker: VoiceSettingsSpeaker): void {
    this.dispatchEvent(new VoicePreviewEvent(speaker.id, this.selectedVoice(speaker)));
  }

  private readonly onRateInput = (event: Event): void => {
    const rate = normalizeRate(Number((event.target as HTMLInputElement).value));
    this.draftRate = rate;
    if (rate !== this.rate) this.dispatchEvent(new NarrationRateEvent(rate));
  };

  // ---- Rendering ----

  private currentValue(speaker: VoiceSettingsSpeaker): string {
    return speaker.overridden && speaker.voiceName ? speaker.voiceName : AUTOMATIC;
  }

  override render() {
    const hasVoices = this.voices.length > 0;
    return html`
      <dialog part="dialog" aria-labelledby="title" @close=${this.onDialogClose}>
        <div class="header" part="header">
          <h2 id="title">Voices</h2>
          <button type="button" @click=${this.onCloseClick}>Close</button>
        </div>
        <div class="body" part="body">
          ${this.renderSource()}
          ${hasVoices
            ? html`
                <ul>
                  ${this.speakers.map((s) => html`<li>${this.renderSpeaker(s)}</li>`)}
                </ul>
                <p class="note">Speakers are told apart by voice; where this device has only one voice, by pitch and speed.</p>
              `
            : html`<p class="empty">This device offers no voices for reading aloud.</p>`}
          ${this.renderSpeed()}
        </div>
      </dialog>
    `;
  }

  private renderSpeaker(speaker: VoiceSettingsSpeaker): TemplateResult {
    const id = `voice-${speaker.id}`;
    const value = this.currentValue(speaker);
    const automatic =
      speaker.overridden || !speaker.voiceName ? 'Automatic' : `Automatic (${speaker.voiceName})`;
    // A chosen voice the device no longer offers stays listed, so the list shows the truth.
    const missing = value !== AUTOMATIC && !this.voices.some((v) => v.name === value);
    return html`
      <div class="speaker">
        <label for=${id}>${speaker.name}</label>
        <select id=${id} data-speaker=${speaker.id} @change=${(e: Event) => this.onVoiceChange(speaker, e)}>
          <option value=${AUTOMATIC} .selected=${live(value === AUTOMATIC)}>${automatic}</option>
          ${missing ? html`<option value=${value} .selected=${live(true)}>${value} (not available)</option>` : nothing}
          ${this.voices.map(
            (v) => html`<option value=${v.name} .selected=${live(v.name === value)}>${v.name} (${v.lang})</option>`,
          )}
        </select>
        <button type="button" @click=${() => this.onPreviewClick(speaker)}>
          Preview<span class="visually-hidden"> ${speaker.name}'s voice</span>
        </button>
      </div>
    `;
  }

  private renderSource(): TemplateResult {
    const option = (value: 'device' | 'recorded', label: string, hint: string) => html`
      <label class="source-option">
        <input
          type="radio"
          name="narration-source"
          value=${value}
          .checked=${live(this.source === value)}
          ?disabled=${this.sourceForced}
          @change=${() => this.dispatchEvent(new NarrationSourceEvent(value))}
        />
        <span>${label}<span class="hint">${hint}</span></span>
      </label>
    `;
    return html`
      <fieldset class="source">
        <legend>Narration</legend>
        ${option('device', 'Device voice', 'A different voice for each speaker, from this device.')}
        ${option('recorded', 'Recorded narration', 'The edition’s own recording (Source and credits says who reads it); works without device voices.')}
      </fieldset>
    `;
  }

  private renderSpeed(): TemplateResult {
    const rate = normalizeRate(this.draftRate ?? this.rate);
    const text = describeRate(rate);
    const { min, max, step } = NARRATION_RATE_RANGE;
    return html`
      <div class="speed">
        <label for="voice-speed">Speed</label>
        <span class="value" aria-hidden="true">${text.short}</span>
        <input
          type="range"
          id="voice-speed"
          min=${min}
          max=${max}
          step=${step}
          .value=${live(String(rate))}
          aria-valuetext=${text.spoken}
          @input=${this.onRateInput}
        />
      </div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'voice-settings': VoiceSettingsElement;
  }
}
