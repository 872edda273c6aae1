/**
 * Modal `<dialog>` in every browser the edition supports. Where the browser has no `<dialog>`
 * (Safari before 15.4, Firefox before 98) the first `showModal` loads GoogleChrome's dialog-polyfill
 * and registers the dialog with it (class `polyfill`; its look comes from `dialogPolyfillStyles`
 * in ./dialog-frame.styles.ts). Browsers with `<dialog>` never fetch it. DOM only; no Lit.
 */

type DialogPolyfill = typeof import('dialog-polyfill').default;

/** Class of the dialogs dialog-polyfill drives (the shared dialog styles key on it). */
export const POLYFILLED_DIALOG_CLASS = 'polyfill';

let polyfill: Promise<DialogPolyfill> | null = null;

/** Dialogs asked to open while the polyfill loads, with what to do once they are open. */
const waiting = new WeakMap<HTMLDialogElement, (() => void) | undefined>();

function loadPolyfill(): Promise<DialogPolyfill> {
  polyfill ??= import('dialog-polyfill').then(
    (module) => module.default,
    (error: unknown) => {
      polyfill = null; // try again on the next open
      throw error;
    },
  );
  return polyfill;
}

function register(dialogPolyfill: DialogPolyfill, dialog: HTMLDialogElement): void {
  if (typeof dialog.showModal === 'function') return;
  dialogPolyfill.registerDialog(dialog);
  dialog.classList.add(POLYFILLED_DIALOG_CLASS);
}

/**
 * Opens `dialog` as a modal, then calls `afterOpen`. With a native `<dialog>` both happen now;
 * otherwise once the polyfill has loaded, and only if no `closeDialog` came in between.
 */
export function showModal(dialog: HTMLDialogElement, afterOpen?: () => void): void {
  if (typeof dialog.showModal === 'function') {
    if (!dialog.open) dialog.showModal();
    afterOpen?.();
    return;
  }
  waiting.set(dialog, afterOpen);
  loadPolyfill().then(
    (dialogPolyfill) => {
      register(dialogPolyfill, dialog);
      if (!waiting.has(dialog)) return;
      const then = waiting.get(dialog);
      waiting.delete(dialog);
      if (!dialog.isConnected || dialog.open) return;
      dialog.showModal();
      then?.();
    },
    (error: unknown) => {
      waiting.delete(dialog);
      console.error('The <dialog> polyfill did not load', error);
    },
  );
}

/**
 * Closes `dialog` if it is open (its `close` event fires), with `returnValue` if given, and
 * cancels an open still waiting for the polyfill.
 */
export function closeDialog(dialog: HTMLDialogElement | null | undefined, returnValue?: string): void {
  if (!dialog) return;
  waiting.delete(dialog);
  // A dialog the polyfill has not reached yet has no `open` property (undefined): nothing to close.
  if (dialog.open) dialog.close(returnValue);
}

/**
 * Whether `el` is a `<dialog>` open as a modal. Without `:modal` (Chrome before 105) or with the
 * polyfill, an open dialog counts as modal: this edition opens every dialog with `showModal`.
 */
export function isOpenModalDialog(el: Element): el is HTMLDialogElement {
  if (el.localName !== 'dialog' || !el.hasAttribute('open')) return false;
  if (el.classList.contains(POLYFILLED_DIALOG_CLASS)) return true;
  try {
    return el.matches(':modal');
  } catch {
    return true;
  }
}
