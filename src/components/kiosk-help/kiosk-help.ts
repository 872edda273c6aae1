/**
 * <kiosk-help>: the kiosk's Help dialog: how to use the keypad (from the key map it is handed),
 * the touch controls, and how long the reader waits before it starts again. Opened by the Help
 * button or the Help key; focus goes back where it was on close.
 */
import { LitElement, css, html, nothing, type TemplateResult } from 'lit';
import { customElement, property, query } from 'lit/decorators.js';
import { kioskStyles } from '../../kiosk/kiosk.styles.ts';
import { deepActiveElement } from '../../kiosk/focus.ts';
import { KEY_WORDS, KIOSK_TEXT } from '../../kiosk/speech/phrases.ts';
import { helpTexts, type HelpContext } from '../../kiosk/speech/prompt.ts';
import { closeDialog, showModal } from '../../ui/modal-dialog.ts';

/** One row of the key list. */
export interface KioskHelpKey {
  /** `KeyboardEvent.key` names, e.g. ["ArrowDown", "ArrowRight"]. */
  keys: string[];
  /** What they do. */
  action: string;
}


/**
 * @summary Modal help for kiosk visitors: keypad keys, touch controls and the inactivity time.
 *
 * @csspart dialog - The `<dialog>`.
 */
@customElement('kiosk-help')
export class KioskHelpElement extends LitElement {
  static override styles = [
    kioskStyles,
    css`
      :host {
        display: contents;
      }
      .header {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        justify-content: space-between;
        gap: 0.5em 1em;
        margin-block-end: 0.75em;
      }
      .header h2 {
        flex: 1 1 10em;
        margin: 0;
      }
      dl {
        display: grid;
        grid-template-columns: minmax(0, max-content) minmax(0, 1fr);
        gap: 0.5em 1.25em;
        margin: 0 0 1em;
      }
      @media (max-width: 30em) {
        dl {
          grid-template-columns: minmax(0, 1fr);
        }
      }
      dt {
        font-weight: 700;
      }
      dd {
        margin: 0;
      }
      kbd {
        display: inline-block;
        padding: 0 0.35em;
        border: 1px solid var(--_border);
        border-block-end-width: 2px;
        border-radius: 0.25em;
        font-family: inherit;
        white-space: nowrap;
      }
    `,
  ];

  /** The keypad keys to list, in order. */
  @property({ attribute: false }) keys: KioskHelpKey[] = [];

  /** Inactivity before the reader warns, e.g. "2 minutes". */
  @property() idleTime = '';

  /** Seconds the warning gives to answer. */
  @property({ type: Number }) warningSeconds = 30;

  @query('dialog') private dialog?: HTMLDialogElement;

  private opener: HTMLElement | null = null;

  /** Whether the dialog is open. */
  get open(): boolean {
    return this.dialog?.open ?? false;
  }

  /** Where the visitor was when they asked for help: the controls, the text or a dialog. */
  @property({ attribute: false }) context: HelpContext = 'bar';

  /** Opens the help as a modal, remembering the focused element. */
  async show(): Promise<void> {
    await this.updateComplete;
    const dialog = this.dialog;
    if (!dialog || dialog.open) return;
    const active = deepActiveElement(this.ownerDocument);
    this.opener = active instanceof HTMLElement && active !== this.ownerDocument.body ? active : null;
    showModal(dialog);
  }

  /** Closes the help (focus goes back to the opener). */
  close(): void {
    closeDialog(this.dialog);
  }

  private readonly onDialogClose = (): void => {
    const opener = this.opener;
    this.opener = null;
    if (opener?.isConnected) opener.focus();
  };

  override render() {
    // The first paragraphs are the spoken help for where the visitor is (the dialog's description,
    // said when it opens): the same words, from the same phrase list, shown and spoken.
    const [, ...spoken] = helpTexts(this.context);
    return html`
      <dialog part="dialog" aria-labelledby="help-title" aria-describedby="help-detail" @close=${this.onDialogClose}>
        <div class="header">
          <h2 id="help-title">${KIOSK_TEXT.helpTitle}</h2>
          <button type="button" @click=${() => this.close()}>Close</button>
        </div>
        <div id="help-detail">${spoken.map((text) => html`<p>${text}</p>`)}</div>
        <p>${KIOSK_TEXT.helpTouch}</p>
        ${this.keys.length > 0
          ? html`<p>With the keypad:</p>
              <dl>${this.keys.map((k) => this.renderKey(k))}</dl>`
          : nothing}
        ${this.idleTime
          ? html`<p>
              After ${this.idleTime} without a touch or a key press, the reader asks whether you are still there. If nobody
              answers within ${this.warningSeconds} seconds, it goes back to the start and clears your settings and
              place.
            </p>`
          : nothing}
      </dialog>
    `;
  }

  private renderKey(k: KioskHelpKey): TemplateResult {
    return html`<dt>${k.keys.map((key, i) => html`${i > 0 ? ' or ' : nothing}<kbd>${KEY_WORDS[key] ?? key}</kbd>`)}</dt>
      <dd>${k.action}</dd>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kiosk-help': KioskHelpElement;
  }
}
