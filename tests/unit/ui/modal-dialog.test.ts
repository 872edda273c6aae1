// The modal dialog helpers with stand-in dialogs (node has no DOM): a native dialog opens at once;
// a dialog without `showModal` waits for dialog-polyfill (mocked here), is registered and then
// opens, unless it was closed in the meantime; `:modal` falls back where it is unknown.
import { describe, expect, it, vi } from 'vitest';

const registered = vi.hoisted((): FakeDialog[] => []);

vi.mock('dialog-polyfill', () => ({
  default: {
    registerDialog: (dialog: FakeDialog) => {
      registered.push(dialog);
      dialog.showModal = () => dialog.attributes.add('open');
      dialog.close = () => dialog.attributes.delete('open');
      Object.defineProperty(dialog, 'open', { get: () => dialog.attributes.has('open'), configurable: true });
    },
    forceRegisterDialog: () => undefined,
  },
}));

const { closeDialog, isOpenModalDialog, showModal } = await import('../../../src/ui/modal-dialog.ts');

/** Just enough of an HTMLDialogElement; without `showModal` until the polyfill registers it. */
class FakeDialog {
  readonly localName = 'dialog';
  isConnected = true;
  readonly attributes = new Set<string>();
  readonly classes = new Set<string>();
  readonly classList = { add: (c: string) => this.classes.add(c), contains: (c: string) => this.classes.has(c) };
  showModal?: () => void;
  close?: () => void;
  modalSelector: 'supported' | 'unknown' = 'unknown';
  hasAttribute(name: string): boolean {
    return this.attributes.has(name);
  }
  matches(selector: string): boolean {
    if (selector !== ':modal' || this.modalSelector === 'unknown') throw new SyntaxError(`'${selector}' is not a valid selector`);
    return this.attributes.has('open');
  }
}

/** A dialog as a browser with <dialog> has it. */
function nativeDialog(): FakeDialog {
  const dialog = new FakeDialog();
  dialog.modalSelector = 'supported';
  dialog.showModal = () => dialog.attributes.add('open');
  dialog.close = () => dialog.attributes.delete('open');
  Object.defineProperty(dialog, 'open', { get: () => dialog.attributes.has('open') });
  return dialog;
}

const asDialog = (d: FakeDialog) => d as unknown as HTMLDialogElement;
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('showModal', () => {
  it('opens a native dialog at once, then calls afterOpen', () => {
    const dialog = nativeDialog();
    const afterOpen = vi.fn(() => expect(dialog.hasAttribute('open')).toBe(true));
    showModal(asDialog(dialog), afterOpen);
    expect(dialog.hasAttribute('open')).toBe(true);
    expect(afterOpen).toHaveBeenCalledOnce();
    expect(registered).not.toContain(dialog);
  });

  it('opens a dialog without <dialog> once the polyfill has loaded, marked for the polyfill styles', async () => {
    const dialog = new FakeDialog();
    const afterOpen = vi.fn();
    showModal(asDialog(dialog), afterOpen);
    expect(dialog.hasAttribute('open')).toBe(false); // the polyfill is still loading
    await settle();
    expect(registered).toContain(dialog);
    expect(dialog.classes.has('polyfill')).toBe(true);
    expect(dialog.hasAttribute('open')).toBe(true);
    expect(afterOpen).toHaveBeenCalledOnce();
    // Registered once: the next open is immediate.
    closeDialog(asDialog(dialog));
    expect(dialog.hasAttribute('open')).toBe(false);
    showModal(asDialog(dialog));
    expect(dialog.hasAttribute('open')).toBe(true);
    expect(registered.filter((d) => d === dialog)).toHaveLength(1);
  });

  it('does not open a dialog closed before the polyfill arrived (but registers it)', async () => {
    const dialog = new FakeDialog();
    const afterOpen = vi.fn();
    showModal(asDialog(dialog), afterOpen);
    closeDialog(asDialog(dialog)); // nothing to close yet: no error
    await settle();
    expect(registered).toContain(dialog);
    expect(dialog.hasAttribute('open')).toBe(false);
    expect(afterOpen).not.toHaveBeenCalled();
  });

  it('does not open a dialog that left the document while the polyfill loaded', async () => {
    const dialog = new FakeDialog();
    showModal(asDialog(dialog));
    dialog.isConnected = false;
    await settle();
    expect(dialog.hasAttribute('open')).toBe(false);
  });
});

describe('isOpenModalDialog', () => {
  it('uses :modal where the browser knows it', () => {
    const dialog = nativeDialog();
    expect(isOpenModalDialog(dialog as unknown as Element)).toBe(false);
    dialog.showModal!();
    expect(isOpenModalDialog(dialog as unknown as Element)).toBe(true);
  });

  it('counts an open dialog as modal without :modal or with the polyfill', async () => {
    const old = nativeDialog();
    old.modalSelector = 'unknown';
    old.showModal!();
    expect(isOpenModalDialog(old as unknown as Element)).toBe(true);
    const polyfilled = new FakeDialog();
    polyfilled.modalSelector = 'supported'; // as in a test browser with <dialog> taken out
    showModal(asDialog(polyfilled));
    await settle();
    expect(isOpenModalDialog(polyfilled as unknown as Element)).toBe(true);
  });

  it('is false for other elements and closed dialogs', () => {
    expect(isOpenModalDialog({ localName: 'div', hasAttribute: () => true } as unknown as Element)).toBe(false);
    expect(isOpenModalDialog(new FakeDialog() as unknown as Element)).toBe(false);
  });
});
