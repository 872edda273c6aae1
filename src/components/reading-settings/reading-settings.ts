/**
 * <reading-settings>: the "Reading settings" modal dialog. It renders one control per setting
 * descriptor (radio group, slider or checkbox), sends the reader's intent up as typed events and
 * shows whatever `settings` it is handed. It never stores or applies settings itself.
 */
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import {
  SETTING_DESCRIPTOR_LIST,
  SETTING_PRESETS,
  type ChoiceDescriptor,
  type RangeDescriptor,
  type SettingDescriptor,
  type SettingPreset,
  type ToggleDescriptor,
} from '../../settings/descriptors.ts';
import { defaultSettings } from '../../settings/defaults.ts';
import { normalizeSetting } from '../../settings/preferences.ts';
import type { ReadingSettings, SettingKey } from '../../settings/types.ts';
import { SettingChangeEvent, SettingsResetEvent } from './events.ts';
import { readingSettingsStyles } from './reading-settings.styles.ts';
import { ModalDialogElement } from '../../ui/modal-dialog-element.ts';

/**
 * @summary Modal dialog with the reading settings, rendered from the setting descriptors.
 *
 * Open it with `show()` (or `open = true`); it remembers the element that had focus and gives
 * focus back to it on close, even when that element lives inside another shadow root.
 * Escape closes it (native `<dialog>`).
 *
 * @fires setting-change - `SettingChangeEvent`: the reader changed one setting (a preset fires one
 *   event per setting it changes). Fired on user action only.
 * @fires settings-reset - `SettingsResetEvent`: the reader pressed "Reset to defaults".
 *
 * @csspart dialog - The native `<dialog>`.
 * @csspart header - Title row with the Close button.
 * @csspart body - The controls.
 * @csspart footer - Reset row.
 *
 * @cssprop --ne-surface - Dialog background.
 * @cssprop --ne-text - Text colour.
 * @cssprop --ne-text-muted - Help text colour.
 * @cssprop --ne-accent - Radio, checkbox and slider colour.
 * @cssprop --ne-border - Control borders.
 * @cssprop --ne-focus - Focus ring.
 * @cssprop --ne-font-family - Font.
 * @cssprop --ne-text-scale - Text size factor.
 */
@customElement('reading-settings')
export class ReadingSettingsElement extends ModalDialogElement {
  static override styles = readingSettingsStyles;

  /** The effective settings to show (state in). Controls reflect these values. */
  @property({ attribute: false }) settings: ReadingSettings = defaultSettings({
    prefersDark: false,
    prefersMoreContrast: false,
    prefersReducedMotion: false,
  });

  /** Short confirmation for screen readers after reset or a preset ("Settings reset to defaults."). */
  @state() private status = '';

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('open') && this.open) this.status = '';
  }

  // ---- Handlers ----

  private readonly onResetClick = (): void => {
    this.dispatchEvent(new SettingsResetEvent());
    this.status = 'Settings reset to defaults.';
  };

  private emitChange<K extends SettingKey>(key: K, raw: unknown): void {
    const value = normalizeSetting(key, raw);
    if (value === undefined || value === this.settings[key]) return;
    this.dispatchEvent(new SettingChangeEvent(key, value));
  }

  private onRangeInput(d: RangeDescriptor, event: Event): void {
    const input = event.target as HTMLInputElement;
    const value = normalizeSetting(d.key, Number(input.value));
    if (typeof value !== 'number') return;
    // Update the spoken value now; the re-render with the owner's new settings follows.
    input.setAttribute('aria-valuetext', d.format(value));
    this.emitChange(d.key, value);
  }

  private applyPreset(preset: SettingPreset): void {
    for (const [key, value] of Object.entries(preset.values)) this.emitChange(key as SettingKey, value);
    this.status = `${preset.label} applied.`;
  }

  // ---- Rendering ----

  override render() {
    return html`
      <dialog part="dialog" aria-labelledby="title" @close=${this.onDialogClose}>
        <div class="header" part="header">
          <h2 id="title">Reading settings</h2>
          <button type="button" class="close" @click=${this.onCloseClick}>Close</button>
        </div>
        <div class="body" part="body">
          ${SETTING_DESCRIPTOR_LIST.map((d) =>
            // The spacing preset sits right after the spacing sliders it changes.
            d.key === 'wordSpacing' ? [this.renderSetting(d), this.renderPresets()] : this.renderSetting(d),
          )}
        </div>
        <div class="footer" part="footer">
          <button type="button" class="reset" @click=${this.onResetClick}>Reset to defaults</button>
        </div>
        <p class="status" role="status">${this.status}</p>
      </dialog>
    `;
  }

  private renderSetting(d: SettingDescriptor): TemplateResult {
    switch (d.kind) {
      case 'choice':
        return this.renderChoice(d);
      case 'range':
        return this.renderRange(d);
      case 'toggle':
        return this.renderToggle(d);
    }
  }

  private renderChoice(d: ChoiceDescriptor): TemplateResult {
    const current = this.settings[d.key];
    return html`
      <fieldset class="setting choice" data-key=${d.key}>
        <legend>${d.label}</legend>
        <div class="options">
          ${d.options.map(
            (o) => html`
              <label class="option">
                <input
                  type="radio"
                  name=${d.key}
                  .value=${o.value}
                  .checked=${live(current === o.value)}
                  @change=${() => this.emitChange(d.key, o.value)}
                />
                <span>${o.label}</span>
              </label>
            `,
          )}
        </div>
      </fieldset>
    `;
  }

  private renderRange(d: RangeDescriptor): TemplateResult {
    const value = this.settings[d.key] as number;
    const text = d.format(value);
    const id = `setting-${d.key}`;
    return html`
      <div class="setting range" data-key=${d.key}>
        <div class="range-label">
          <label for=${id}>${d.label}</label>
          <span class="value" aria-hidden="true">${text}</span>
        </div>
        <input
          type="range"
          id=${id}
          name=${d.key}
          min=${d.min}
          max=${d.max}
          step=${d.step}
          .value=${live(String(value))}
          aria-valuetext=${text}
          @input=${(e: Event) => this.onRangeInput(d, e)}
        />
      </div>
    `;
  }

  private renderToggle(d: ToggleDescriptor): TemplateResult {
    const checked = this.settings[d.key] === true;
    const descriptionId = `setting-${d.key}-description`;
    return html`
      <div class="setting toggle" data-key=${d.key}>
        <label class="option">
          <input
            type="checkbox"
            name=${d.key}
            .checked=${live(checked)}
            aria-describedby=${d.description ? descriptionId : nothing}
            @change=${(e: Event) => this.emitChange(d.key, (e.target as HTMLInputElement).checked)}
          />
          <span>${d.label}</span>
        </label>
        ${d.description ? html`<p class="description" id=${descriptionId}>${d.description}</p>` : nothing}
      </div>
    `;
  }

  private renderPresets(): TemplateResult {
    return html`
      ${SETTING_PRESETS.map(
        (p) => html`
          <div class="setting presets">
            <button type="button" aria-describedby=${`preset-${p.id}-description`} @click=${() => this.applyPreset(p)}>
              ${p.label}
            </button>
            <p class="description" id=${`preset-${p.id}-description`}>${p.description}</p>
          </div>
        `,
      )}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'reading-settings': ReadingSettingsElement;
  }
}
