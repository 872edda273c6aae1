/**
 * The root element. It wraps the static edition (light DOM, rendered at build time), owns the
 * reading-settings model, applies the effective settings to the document, and wires the child
 * controls: they send intent (typed events) up, and it hands state down.
 */
import { LitElement, css, html } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import type { ReadingSettingsModel } from '../settings/model.ts';
import type { ReadingSettings } from '../settings/types.ts';
import { applyStyle, settingsToStyle } from '../settings/style.ts';
import { ReadingFocusTracker } from './reading-focus.ts';
import '../components/reading-settings/reading-settings.ts';
import '../components/reading-toolbar/reading-toolbar.ts';
import type { ReadingSettingsElement } from '../components/reading-settings/reading-settings.ts';
import type { SettingChangeEvent } from '../components/reading-settings/events.ts';

/**
 * @summary Root of the narrated edition: settings and (later) narration for the text it wraps.
 * @slot - The static edition: header, main text, source matter.
 */
@customElement('narrated-edition')
export class NarratedEdition extends LitElement {
  static override styles = css`
    :host {
      display: block;
    }
  `;

  /** The settings model; set by main.ts before the element upgrades. */
  @property({ attribute: false }) settingsModel?: ReadingSettingsModel;

  @state() private settings?: ReadingSettings;

  @query('reading-settings') private settingsDialog?: ReadingSettingsElement;

  private unsubscribe?: () => void;
  private focusTracker?: ReadingFocusTracker;

  override connectedCallback(): void {
    super.connectedCallback();
    this.addEventListener('settings-open-request', this.openSettings);
    if (this.settingsModel && !this.unsubscribe) this.attachModel(this.settingsModel);
  }

  override willUpdate(changed: Map<PropertyKey, unknown>): void {
    if (changed.has('settingsModel') && this.settingsModel && this.isConnected) this.attachModel(this.settingsModel);
  }

  override updated(): void {
    if (this.settings) this.setAttribute('data-ready', '');
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.removeEventListener('settings-open-request', this.openSettings);
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    this.focusTracker?.stop();
    this.focusTracker = undefined;
  }

  private attachModel(model: ReadingSettingsModel): void {
    this.unsubscribe?.();
    this.unsubscribe = model.subscribe((s) => this.applySettings(s));
    this.applySettings(model.settings);
  }

  private applySettings(settings: ReadingSettings): void {
    this.settings = settings;
    applyStyle(document.documentElement, settingsToStyle(settings));
    this.updateReadingFocus(settings.readingFocus);
  }

  private updateReadingFocus(enabled: boolean): void {
    const text = this.querySelector<HTMLElement>('.ne-text');
    if (enabled && text && !this.focusTracker) {
      this.focusTracker = new ReadingFocusTracker(text, 'p');
    } else if (!enabled && this.focusTracker) {
      this.focusTracker.stop();
      this.focusTracker = undefined;
    }
  }

  private readonly openSettings = (): void => {
    this.settingsDialog?.show();
  };

  private onSettingChange(event: SettingChangeEvent): void {
    this.settingsModel?.set(event.change);
  }

  private onSettingsReset(): void {
    this.settingsModel?.reset();
  }

  override render() {
    return html`
      <slot></slot>
      ${this.settings
        ? html`<reading-settings
            .settings=${this.settings}
            @setting-change=${this.onSettingChange}
            @settings-reset=${this.onSettingsReset}
          ></reading-settings>`
        : null}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'narrated-edition': NarratedEdition;
  }
}
