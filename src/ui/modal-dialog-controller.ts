/**
 * Keeps a component's modal `<dialog>` in step with its `open` property and gives focus
 * back to the element that opened it (found through shadow roots) when it closes — by Escape, a
 * Close button or the owner. The component calls `willUpdate`/`updated` from its own lifecycle and
 * `closed()` from the dialog's `close` event. Browsers without `<dialog>` get the polyfill
 * (./modal-dialog.ts) on the first open.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { deepActiveElement } from './focus.ts';
import { closeDialog, showModal } from './modal-dialog.ts';

/** A component with an `open` property and a native dialog in its render root. */
export type DialogHost = ReactiveControllerHost &
  HTMLElement & { open: boolean; readonly renderRoot: HTMLElement | DocumentFragment };

/** Opens, closes and returns focus for one modal dialog. */
export class ModalDialogController implements ReactiveController {
  #opener: HTMLElement | null = null;
  /** Set while the owner (not the reader) closes the dialog. */
  #closingProgrammatically = false;

  constructor(
    private readonly host: DialogHost,
    private readonly dialog: () => HTMLDialogElement | null | undefined,
  ) {
    host.addController(this);
  }

  hostDisconnected(): void {
    this.#opener = null;
  }

  /** Call from the host's `willUpdate`: remembers the opener when `open` turns true. */
  willUpdate(openChanged: boolean): void {
    if (openChanged && this.host.open) this.rememberOpener();
  }

  /** Call from the host's `updated`: shows or closes the dialog to match `open`. */
  updated(openChanged: boolean): void {
    if (!openChanged) return;
    const dialog = this.dialog();
    if (!dialog) return;
    if (this.host.open) {
      if (!dialog.open && this.host.isConnected) showModal(dialog);
    } else {
      // Also cancels an open still waiting for the polyfill.
      if (dialog.open) this.#closingProgrammatically = true;
      closeDialog(dialog);
    }
  }

  /** Remembers the focused element (outside this dialog) to give focus back to on close. */
  rememberOpener(): void {
    if (this.#opener) return;
    const doc = this.host.ownerDocument;
    const active = deepActiveElement(doc);
    const isInside = active !== null && (active === this.host || this.host.renderRoot.contains(active));
    this.#opener = active instanceof HTMLElement && !isInside && active !== doc.body ? active : null;
  }

  /**
   * Call from the dialog's `close` event: marks the host closed and returns focus to the opener,
   * unless focus has already moved on elsewhere.
   * @returns true when the reader closed it (Escape, a Close button), false when the owner did.
   */
  closed(): boolean {
    const byUser = !this.#closingProgrammatically;
    this.#closingProgrammatically = false;
    this.host.open = false;
    const opener = this.#opener;
    this.#opener = null;
    // Only where focus would otherwise be lost (on <body>, or still inside the closed dialog): the
    // `close` event can come late, after a keypad or a click has already moved focus on.
    const active = deepActiveElement(this.host.ownerDocument);
    const lost = active === null || active === this.host.ownerDocument.body || active === this.host || this.host.renderRoot.contains(active);
    if (opener?.isConnected && lost) opener.focus();
    return byUser;
  }
}
