/**
 * <reload-notice>: the banner that explains a part of the page could not be loaded (usually: the
 * edition was updated since the page was opened) and offers a reload. Fixed at the bottom of the
 * window so it is seen wherever the reader is; first in the root's shadow tree, so it is an early
 * tab stop. Inserted with its text as `role="alert"`, so screen readers announce it once.
 */
import { LitElement, html, nothing } from 'lit';
import { customElement, property, query } from 'lit/decorators.js';
import { ReloadRequestEvent } from './events.ts';
import { reloadNoticeStyles } from './reload-notice.styles.ts';

/**
 * @summary A visible, announced message with a Reload button; nothing while `message` is null.
 *
 * @fires reload-request - `ReloadRequestEvent`: the visitor pressed "Reload the page".
 *
 * @csspart base - The banner (a labelled region).
 * @csspart message - The message (`role="alert"`).
 * @csspart reload - The Reload button.
 *
 * @cssprop --ne-surface - Banner background.
 * @cssprop --ne-bg - Button background.
 * @cssprop --ne-text - Text and banner border.
 * @cssprop --ne-border - Button border.
 * @cssprop --ne-focus - Focus ring.
 * @cssprop --ne-font-family - Font.
 * @cssprop --ne-text-scale - Text size factor (capped at 1.5 on small screens).
 */
@customElement('reload-notice')
export class ReloadNoticeElement extends LitElement {
  static override styles = reloadNoticeStyles;

  /** The message for people; null shows nothing. */
  @property({ attribute: false }) message: string | null = null;

  /** Kiosk mode: 48 px targets. */
  @property({ type: Boolean, reflect: true }) kiosk = false;

  @query('button') private button?: HTMLButtonElement;

  /** Moves focus to the Reload button (when the failure answered the visitor's own action). */
  async focusReload(): Promise<void> {
    await this.updateComplete;
    this.button?.focus();
  }

  private readonly onReload = (): void => {
    this.dispatchEvent(new ReloadRequestEvent());
  };

  override render() {
    if (!this.message) return nothing;
    return html`
      <section class="banner" part="base" aria-label="Page update">
        <div class="message" part="message" role="alert"><p>${this.message}</p></div>
        <button type="button" part="reload" @click=${this.onReload}>Reload the page</button>
      </section>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'reload-notice': ReloadNoticeElement;
  }
}
