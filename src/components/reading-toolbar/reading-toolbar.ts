/**
 * <reading-toolbar>: the bar above the text with the "Reading settings" button, and a slot for the
 * narration controls. It only asks for the dialog to open; the root element opens it.
 */
import { LitElement, css, html } from 'lit';
import { customElement } from 'lit/decorators.js';
import { SettingsOpenRequestEvent } from '../reading-settings/events.ts';

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
  static override styles = css`
    :host {
      --_bg: var(--ne-surface, #f0e9d2);
      --_text: var(--ne-text, #1a1a1a);
      --_border: var(--ne-border, #6e6656);
      --_focus: var(--ne-focus, #003f8a);
      --_target: max(44px, 2.75rem);
      display: block;
      background: var(--_bg);
      color: var(--_text);
      font-family: var(--ne-font-family, 'Atkinson Hyperlegible', Verdana, Arial, system-ui, sans-serif);
      font-size: calc(1rem * var(--_ui-scale));
      line-height: 1.3;
      --_ui-scale: var(--ne-text-scale, 1);
    }
    /* On a small or heavily zoomed viewport the zoom already enlarges the bar: cap the extra scale. */
    @media (max-width: 30em), (max-height: 30em) {
      :host {
        --_ui-scale: min(var(--ne-text-scale, 1), 1.5);
      }
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
      display: inline-flex;
      align-items: center;
      gap: 0.5em;
      min-block-size: var(--_target);
      min-inline-size: var(--_target);
      max-inline-size: 100%;
      padding: 0.25em 0.875em;
      border: 2px solid var(--_border);
      border-radius: 0.375rem;
      background: var(--_bg);
      color: var(--_text);
      font: inherit;
      font-weight: 700;
      letter-spacing: var(--ne-letter-spacing, normal);
      word-spacing: var(--ne-word-spacing, normal);
      overflow-wrap: anywhere;
      text-align: start;
      cursor: pointer;
    }
    button:hover {
      border-color: var(--_text);
    }
    button:focus {
      outline: 3px solid var(--_focus);
      outline-offset: 2px;
    }
    button:focus:not(:focus-visible) {
      outline: none;
    }
    svg {
      flex: none;
      inline-size: 1.25em;
      block-size: 1.25em;
    }
    @media (forced-colors: active) {
      button {
        border-color: ButtonBorder;
        color: ButtonText;
      }
      button:focus {
        outline-color: Highlight;
      }
    }
  `;

  private readonly onSettingsClick = (): void => {
    this.dispatchEvent(new SettingsOpenRequestEvent());
  };

  override render() {
    return html`
      <div class="bar" part="base">
        <button type="button" part="settings-button" aria-haspopup="dialog" @click=${this.onSettingsClick}>
          <svg viewBox="0 0 24 24" aria-hidden="true" focusable="false">
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
