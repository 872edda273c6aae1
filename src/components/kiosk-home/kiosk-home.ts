/**
 * <kiosk-home>: the always-reachable "Start again" button of the kiosk bar and its confirmation
 * dialog ("Start again from the beginning? This clears your settings and place."). It only asks;
 * the kiosk controller resets the reader.
 */
import { LitElement, css, html } from 'lit';
import { customElement, query, state } from 'lit/decorators.js';
import { kioskStyles } from '../../kiosk/kiosk.styles.ts';
import { KioskRestartEvent } from '../kiosk-bar/events.ts';
import { KIOSK_TEXT } from '../../kiosk/speech/phrases.ts';
import { closeDialog, showModal } from '../../ui/modal-dialog.ts';

/**
 * @summary Home/Restart button with a confirmation dialog (native modal `<dialog>`).
 *
 * The safe answer ("No, keep reading") has focus when the dialog opens; Escape or that button
 * closes it and focus goes back to the Start again button.
 *
 * @fires kiosk-restart - `KioskRestartEvent`: the visitor confirmed "Yes, start again".
 *
 * @csspart button - The Start again button.
 * @csspart dialog - The confirmation `<dialog>`.
 *
 * @cssprop --ne-surface - Button and dialog background.
 * @cssprop --ne-text - Text colour.
 * @cssprop --ne-border - Borders.
 * @cssprop --ne-focus - Focus ring.
 * @cssprop --ne-font-family - Font.
 * @cssprop --ne-text-scale - Text size factor.
 */
@customElement('kiosk-home')
export class KioskHomeElement extends LitElement {
  static override styles = [
    kioskStyles,
    css`
      :host {
        display: inline-block;
        max-inline-size: 100%;
      }
    `,
  ];

  @state() private confirming = false;

  @query('dialog') private dialog?: HTMLDialogElement;
  @query('.home') private homeButton?: HTMLButtonElement;
  @query('.keep') private keepButton?: HTMLButtonElement;

  /** Whether the confirmation is open. */
  get open(): boolean {
    return this.dialog?.open ?? false;
  }

  /** Opens the confirmation. */
  async show(): Promise<void> {
    this.confirming = true;
    await this.updateComplete;
    if (this.dialog) showModal(this.dialog, () => this.keepButton?.focus());
  }

  /** Closes the confirmation without restarting (focus stays where the owner puts it). */
  close(): void {
    this.confirming = false;
    closeDialog(this.dialog, 'reset');
  }

  private readonly onHomeClick = (): void => {
    void this.show();
  };

  private readonly onKeepClick = (): void => {
    this.dialog?.close('keep');
  };

  private readonly onConfirmClick = (): void => {
    this.dialog?.close('restart');
  };

  /** After every close: Escape, either button, or `close()`. */
  private readonly onDialogClose = (): void => {
    const reason = this.dialog?.returnValue;
    this.confirming = false;
    if (reason === 'restart') this.dispatchEvent(new KioskRestartEvent());
    else if (reason !== 'reset') this.homeButton?.focus();
    if (this.dialog) this.dialog.returnValue = '';
  };

  override render() {
    return html`
      <button type="button" class="home" part="button" aria-haspopup="dialog" @click=${this.onHomeClick}>
        <svg class="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
          <path d="M3 11.5 12 4l9 7.5M6 10v10h4.5v-6h3v6H18V10" fill="none" stroke="currentColor" stroke-width="2" stroke-linejoin="round" />
        </svg>
        <span>Start again</span>
      </button>
      <dialog part="dialog" aria-labelledby="home-title" aria-describedby="home-detail" @close=${this.onDialogClose}>
        ${this.confirming
          ? html`
              <h2 id="home-title">${KIOSK_TEXT.restartTitle}</h2>
              <p id="home-detail">${KIOSK_TEXT.restartDetail}</p>
              <div class="actions">
                <button type="button" class="confirm" @click=${this.onConfirmClick}>${KIOSK_TEXT.restartYes}</button>
                <button type="button" class="keep" @click=${this.onKeepClick}>${KIOSK_TEXT.restartNo}</button>
              </div>
            `
          : null}
      </dialog>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kiosk-home': KioskHomeElement;
  }
}
