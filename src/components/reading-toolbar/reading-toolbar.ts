/**
 * <reading-toolbar>: the bar above the text with the "Reading settings" button, and a slot for the
 * narration controls. It only asks for the dialog to open; the root element opens it.
 */
import { LitElement, css, html } from 'lit';
import { customElement } from 'lit/decorators.js';
import { SettingsOpenRequestEvent } from '../reading-settings/events.ts';
import { buttonStyles, controlTokens, focusRingStyles, iconButtonStyles } from '../../ui/control.styles.ts';

/**
 * @summary Toolbar with the reading-settings button and room for narration controls.
 *
 * Light-DOM children without a slot name (the no-JS note in index.html) are not rendered once
 * the element upgrades.
 *
 * @fires settings-open-request - `SettingsOpenRequestEvent`: the reader pressed "Reading settings".
 * @slot narration - Narration controls (`<narration-controls>`). They take the rest of the line
 *   beside the settings button, or a line of their own when less than about 20em is left, and wrap
 *   inside themselves.
 * @csspart base - The bar.
 * @csspart settings-button - The "Reading settings" button.
 * @cssprop --ne-surface - Bar background.
 * @cssprop --ne-text - Text and icon colour.
 * @cssprop --ne-border - Button border.
 * @cssprop --ne-focus - Focus ring.
 * @cssprop --ne-font-family - Font.
 * @cssprop --ne-text-scale - Text size factor.
 */
@customElement('reading-toolbar')
export class ReadingToolbarElement extends LitElement {
  static override styles = [
    controlTokens,
    buttonStyles,
    iconButtonStyles,
    focusRingStyles,
    css`
      :host {
        display: block;
        background: var(--_bg);
        color: var(--_text);
        font-family: var(--_font);
        font-size: calc(1rem * var(--_ui-scale));
        line-height: 1.3;
      }
      .bar {
        display: flex;
        flex-wrap: wrap;
        /* Top-aligned: the narration controls may wrap to several rows beside the button. */
        align-items: flex-start;
        gap: 0.5rem 1rem;
        min-block-size: 3.5rem;
        padding: 0.375rem 0.75rem;
      }
      ::slotted(*) {
        min-inline-size: 0;
      }
      ::slotted([slot='narration']) {
        flex: 1 1 20em;
        max-inline-size: 100%;
      }
      button {
        /* The reader's spacing from the tokens: the host itself does not set it. */
        letter-spacing: var(--ne-letter-spacing, normal);
        word-spacing: var(--ne-word-spacing, normal);
        text-align: start;
      }
    `,
  ];

  private readonly onSettingsClick = (): void => {
    this.dispatchEvent(new SettingsOpenRequestEvent());
  };

  override render() {
    return html`
      <div class="bar" part="base">
        <button type="button" part="settings-button" aria-haspopup="dialog" @click=${this.onSettingsClick}>
          <svg class="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
            <path
              fill="none"
              stroke="currentColor"
              stroke-width="2"
              stroke-linecap="round"
              d="M4 6h9M17 6h3M4 12h3M11 12h9M4 18h11M19 18h1"
            />
            <circle cx="15" cy="6" r="2" fill="none" stroke="currentColor" stroke-width="2" />
            <circle cx="9" cy="12" r="2" fill="none" stroke="currentColor" stroke-width="2" />
            <circle cx="17" cy="18" r="2" fill="none" stroke="currentColor" stroke-width="2" />
          </svg>
          <span>Reading settings</span>
        </button>
        <slot name="narration"></slot>
      </div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'reading-toolbar': ReadingToolbarElement;
  }
}
