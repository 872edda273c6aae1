/**
 * Focus helpers for keypad operation: walk the flat tree (open shadow roots and slots, in the
 * order a visitor sees it), list the visible, enabled controls in a part of the page, find the
 * open modal dialog and the element that really has focus. DOM only; no Lit.
 */

import { deepActiveElement } from '../ui/focus.ts';
import { isOpenModalDialog } from '../ui/modal-dialog.ts';

export { deepActiveElement };

const FOCUSABLE =
  'button, input:not([type="hidden"]), select, textarea, a[href], summary, [tabindex]:not([tabindex="-1"])';


/** The children of `node` in the flat tree: shadow contents, slotted elements, else light children. */
function flatChildren(node: Element | Document | ShadowRoot): Element[] {
  if (node instanceof Element && node.shadowRoot) return [...node.shadowRoot.children];
  if (node instanceof HTMLSlotElement) {
    const assigned = node.assignedElements({ flatten: true });
    return assigned.length > 0 ? assigned : [...node.children];
  }
  return [...node.children];
}

/** Every element under `root` (excluded), in flat-tree order. */
export function* flatTree(root: Element | Document | ShadowRoot): Generator<Element> {
  for (const child of flatChildren(root)) {
    yield child;
    yield* flatTree(child);
  }
}

/** Whether `el` is rendered and visible (not `display: none`, `visibility: hidden` or zero-sized). */
export function isVisible(el: Element): boolean {
  const check = (el as Element & { checkVisibility?: (o?: object) => boolean }).checkVisibility;
  if (check && !check.call(el, { visibilityProperty: true, checkVisibilityCSS: true })) return false;
  return el.getClientRects().length > 0;
}

/** Whether `el` is a control the keypad can move to. */
export function isKeypadFocusable(el: Element): el is HTMLElement {
  if (!(el instanceof HTMLElement) || !el.matches(FOCUSABLE)) return false;
  if ((el as HTMLButtonElement).disabled || el.getAttribute('tabindex') === '-1') return false;
  return isVisible(el);
}

/** The controls under `root`, in the order the visitor sees them. */
export function keypadControls(root: Element | ShadowRoot): HTMLElement[] {
  return [...flatTree(root)].filter(isKeypadFocusable);
}

/** The open modal dialog in front (the one holding focus, else the last opened one found), or null. */
export function frontModalDialog(doc: Document = document): HTMLDialogElement | null {
  // By tag name, not `instanceof HTMLDialogElement`: older browsers have no such global.
  const modals = [...flatTree(doc)].filter(isOpenModalDialog);
  if (modals.length === 0) return null;
  const active = deepActiveElement(doc);
  return modals.find((dialog) => active && containsDeep(dialog, active)) ?? modals[modals.length - 1]!;
}

/** Whether `node` is `ancestor` or inside it, across shadow roots. */
export function containsDeep(ancestor: Node, node: Node): boolean {
  let current: Node | null = node;
  while (current) {
    if (ancestor.contains(current)) return true;
    const root = current.getRootNode();
    current = root instanceof ShadowRoot ? root.host : null;
  }
  return false;
}
