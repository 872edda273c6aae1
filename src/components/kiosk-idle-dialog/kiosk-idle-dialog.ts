/**
 * <kiosk-idle-dialog>: the kiosk's "Are you still there?" warning, a modal dialog with a visible
 * countdown and one Continue button. The kiosk controller owns the countdown (IdleTimer) and
 * treats any key as Continue; a click or touch anywhere in the dialog continues too.
 */
import { LitElement, css, html, type PropertyValues } from 'lit';
import { customElement, property, query } from 'lit/decorators.js';
import { kioskStyles } from '../../kiosk/kiosk.styles.ts';
import { KioskContinueEvent } from '../kiosk-bar/events.ts';
import { KIOSK_TEXT } from '../../kiosk/speech/phrases.ts';
import { describeSeconds } from '../../kiosk/speech/prompt.ts';
import { closeDialog, showModal } from '../../ui/modal-dialog.ts';


/**
 * @summary "Are you still there?" warning with a visible countdown and a Continue button.
 *
 * The countdown is a `role="timer"` (not announced every second); the dialog's name and
 * description are read once when it opens and Continue takes focus.
 *
 * @fires kiosk-continue - `KioskContinueEvent`: Continue, a click or touch in the dialog, or Escape.
 *
 * @csspart dialog - The `<dialog>`.
 * @csspart countdown - The seconds left.
 */
@customElement('kiosk-idle-dialog')
export class KioskIdleDialogElement extends LitElement {
  static override styles = [
    kioskStyles,
    css`
      :host {
        display: contents;
      }
      .countdown {
        font-size: 1.5em;
        font-variant-numeric: tabular-nums;
      }
      .continue {
        min-inline-size: 10rem;
      }
    `,
  ];

  /** Whether the warning shows. */
  @property({ type: Boolean, reflect: true }) open = false;

  /** Seconds left before the reset. */
  @property({ type: Number }) remaining = 0;

  @query('dialog') private dialog?: HTMLDialogElement;
  @query('.continue') private continueButton?: HTMLButtonElement;

  override updated(changed: PropertyValues<this>): void {
    if (!changed.has('open')) return;
    const dialog = this.dialog;
    if (!dialog) return;
    if (this.open && !dialog.open) {
      if (!this.isConnected) return;
      showModal(dialog, () => this.continueButton?.focus());
    } else if (!this.open) {
      closeDialog(dialog);
    }
  }

  private readonly onContinue = (event: Event): void => {
    event.preventDefault();
    this.dispatchEvent(new KioskContinueEvent());
  };

  override render() {
    return html`
      <dialog
        part="dialog"
        role="alertdialog"
        aria-labelledby="idle-title"
        aria-describedby="idle-detail"
        @click=${this.onContinue}
        @cancel=${this.onContinue}
      >
        <h2 id="idle-title">${KIOSK_TEXT.idleTitle}</h2>
        <div id="idle-detail">
          <p>
            ${KIOSK_TEXT.idleGoingBack}
            <strong class="countdown" part="countdown" role="timer">${describeSeconds(Math.max(0, Math.ceil(this.remaining)))}</strong>
            ${KIOSK_TEXT.idleClears}
          </p>
          <p>${KIOSK_TEXT.idleAnswer}</p>
        </div>
        <div class="actions">
          <button type="button" class="continue">Continue</button>
        </div>
      </dialog>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kiosk-idle-dialog': KioskIdleDialogElement;
  }
}
