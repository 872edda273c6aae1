/**
 * <reading-toolbar>: the frame of the reader bar around the narration controls (which hold every
 * control, "Reading settings" included, since the bar became one row with a "More" menu). It
 * stays as a thin wrapper so the static page's no-JS note, its light-DOM child, disappears when
 * the element upgrades, and so the bar's padding and surface have one owner.
 */
import { LitElement, css, html } from 'lit';
import { customElement } from 'lit/decorators.js';
import { controlTokens } from '../../ui/control.styles.ts';

/**
 * @summary The reader bar's frame: padding and surface around `<narration-controls>`.
 *
 * Light-DOM children without a slot name (the no-JS note in index.html) are not rendered once
 * the element upgrades.
 *
 * @slot narration - The reader bar (`<narration-controls>`).
 * @csspart base - The bar.
 * @cssprop --ne-surface - Bar background.
 * @cssprop --ne-text - Text colour.
 * @cssprop --ne-font-family - Font.
 * @cssprop --ne-text-scale - Text size factor.
 */
@customElement('reading-toolbar')
export class ReadingToolbarElement extends LitElement {
  static override styles = [
    controlTokens,
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
        padding: 0.375rem 0.75rem;
      }
      @media (max-width: 37.5em) {
        .bar {
          padding: 0.375rem 0.5rem;
        }
      }
      ::slotted([slot='narration']) {
        min-inline-size: 0;
        max-inline-size: 100%;
      }
    `,
  ];

  override render() {
    return html`<div class="bar" part="base"><slot name="narration"></slot></div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'reading-toolbar': ReadingToolbarElement;
  }
}
