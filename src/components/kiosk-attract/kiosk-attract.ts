/**
 * <kiosk-attract>: the silent attract screen of the kiosk ("Touch or press any key to start"),
 * a full-screen modal dialog shown on first load and after every reset. Any key, click or touch
 * leaves it. No sound and no motion.
 */
import { LitElement, css, html, type PropertyValues } from 'lit';
import { customElement, property, query } from 'lit/decorators.js';
import { kioskStyles } from '../../kiosk/kiosk.styles.ts';
import { KioskStartEvent } from '../kiosk-bar/events.ts';
import { KIOSK_TEXT } from '../../kiosk/speech/phrases.ts';
import { closeDialog, showModal } from '../../ui/modal-dialog.ts';

/**
 * @summary Full-screen, silent attract screen; any key, click or touch starts.
 *
 * @fires kiosk-start - `KioskStartEvent`: the visitor pressed a key, clicked or touched (once per showing).
 *
 * @csspart dialog - The full-screen `<dialog>`.
 *
 * @cssprop --ne-bg - Background.
 * @cssprop --ne-text - Text colour.
 * @cssprop --ne-border - Start button border.
 * @cssprop --ne-focus - Focus ring.
 * @cssprop --ne-font-family - Font.
 */
@customElement('kiosk-attract')
export class KioskAttractElement extends LitElement {
  static override styles = [
    kioskStyles,
    css`
      :host {
        display: contents;
      }
      dialog.attract {
        inline-size: 100%;
        block-size: 100%;
        max-inline-size: none;
        max-block-size: none;
        margin: 0;
        padding: 2rem;
        border: 0;
        border-radius: 0;
        background: var(--_page);
        font-size: 1.5rem;
        text-align: center;
        cursor: pointer;
      }
      dialog.attract[open] {
        display: flex;
        flex-direction: column;
        align-items: center;
        justify-content: center;
        gap: 1.5rem;
      }
      dialog.attract::backdrop {
        background: var(--_page);
      }
      h2 {
        max-inline-size: 30ch;
        font-size: 2em;
      }
      .prompt {
        font-size: 1.35em;
        font-weight: 700;
      }
      .start {
        min-block-size: max(64px, 4rem);
        min-inline-size: 12rem;
        font-size: 1.25em;
      }
    `,
  ];

  /** Whether the attract screen shows. */
  @property({ type: Boolean, reflect: true }) open = false;

  /** The title to show (the edition's). */
  @property() heading = '';

  @query('dialog') private dialog?: HTMLDialogElement;

  /** Already sent `kiosk-start` for this showing. */
  private started = false;

  override updated(changed: PropertyValues<this>): void {
    if (!changed.has('open')) return;
    const dialog = this.dialog;
    if (!dialog) return;
    if (this.open && !dialog.open) {
      this.started = false;
      if (this.isConnected) showModal(dialog);
    } else if (!this.open) {
      closeDialog(dialog);
    }
  }

  private start(event: Event): void {
    event.preventDefault();
    event.stopPropagation();
    if (this.started) return;
    this.started = true;
    this.dispatchEvent(new KioskStartEvent());
  }

  private readonly onKeydown = (event: KeyboardEvent): void => this.start(event);
  private readonly onClick = (event: MouseEvent): void => this.start(event);
  /** Escape is a key like any other: it starts (the dialog does not just close). */
  private readonly onCancel = (event: Event): void => this.start(event);

  override render() {
    return html`
      <dialog
        class="attract"
        part="dialog"
        aria-labelledby="attract-title"
        aria-describedby="attract-prompt"
        @keydown=${this.onKeydown}
        @click=${this.onClick}
        @cancel=${this.onCancel}
      >
        <h2 id="attract-title">${this.heading}</h2>
        <p class="prompt" id="attract-prompt">${KIOSK_TEXT.attractPrompt}</p>
        <button type="button" class="start">Start</button>
      </dialog>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kiosk-attract': KioskAttractElement;
  }
}
