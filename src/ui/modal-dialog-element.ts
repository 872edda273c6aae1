/**
 * The base of the narration dialogs (Reading settings, Voices, Keyboard shortcuts): an `open`
 * property that a ModalDialogController (./modal-dialog-controller.ts) keeps in step with the
 * `<dialog>` of the render root, `show()` and `close()`, and the two handlers every template wires
 * up: the dialog's `close` event and its Close button. Focus goes back to the opener on close.
 */
import { LitElement, type PropertyValues } from 'lit';
import { property, query } from 'lit/decorators.js';
import { ModalDialogController } from './modal-dialog-controller.ts';

/** A component whose render root holds one modal `<dialog>`. */
export abstract class ModalDialogElement extends LitElement {
  /** Whether the dialog is open. Prefer `show()`/`close()`. */
  @property({ type: Boolean, reflect: true }) open = false;

  @query('dialog') protected dialog?: HTMLDialogElement;

  readonly #dialogController = new ModalDialogController(this, () => this.dialog);

  /** Opens the dialog as a modal, remembering the currently focused element. */
  show(): void {
    this.#dialogController.rememberOpener();
    this.open = true;
  }

  /** Closes the dialog; focus goes back to the element that opened it. */
  close(): void {
    this.open = false;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    this.#dialogController.willUpdate(changed.has('open'));
  }

  protected override updated(changed: PropertyValues<this>): void {
    this.#dialogController.updated(changed.has('open'));
  }

  /** For the dialog's `close` event, after every close (Escape, the Close button, or `close()`). */
  protected readonly onDialogClose = (): void => {
    this.#dialogController.closed();
  };

  /** For the Close button. */
  protected readonly onCloseClick = (): void => {
    this.dialog?.close();
  };
}
