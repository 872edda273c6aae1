/**
 * What a focused control is, read from the DOM the way a screen reader reads it: accessible name
 * (aria-label, aria-labelledby, its label, or its text without aria-hidden parts), role, state
 * and value, and the text it points to with aria-describedby. Also the title and text of a
 * dialog. Every control the kiosk can reach is a native, labelled element, so this small reader
 * covers them (a full accessible-name library would add weight to the kiosk chunk for cases the
 * edition does not have). DOM only; no Lit.
 */
import type { ControlInfo, ControlRole } from './speech/prompt.ts';

/** Text of `node` as read aloud: no aria-hidden parts, no form fields, single spaces. */
export function spokenText(node: Node | null): string {
  if (!node) return '';
  const parts: string[] = [];
  const walk = (current: Node) => {
    if (current.nodeType === Node.TEXT_NODE) {
      parts.push(current.textContent ?? '');
      return;
    }
    if (!(current instanceof Element)) return;
    if (current.getAttribute('aria-hidden') === 'true' || current.matches('input, select, textarea, style, script')) return;
    const children = current instanceof HTMLSlotElement ? current.assignedNodes({ flatten: true }) : [...current.childNodes];
    for (const child of children.length ? children : current.childNodes) walk(child);
    if (current.matches('p, div, li, dt, dd, h1, h2, h3, br')) parts.push(' ');
  };
  walk(node);
  return parts.join('').replace(/\s+/g, ' ').trim();
}

/** Text of the elements named by an id-list attribute, in the element's own tree. */
function referencedText(el: Element, attribute: string): string {
  const ids = (el.getAttribute(attribute) ?? '').split(/\s+/).filter(Boolean);
  const root = el.getRootNode() as Document | ShadowRoot;
  return ids
    .map((id) => spokenText(root.getElementById?.(id) ?? null))
    .filter(Boolean)
    .join(' ');
}

/** The accessible name of `el`. */
export function accessibleName(el: Element): string {
  const label = el.getAttribute('aria-label')?.trim();
  if (label) return label;
  const labelledBy = referencedText(el, 'aria-labelledby');
  if (labelledBy) return labelledBy;
  const labels = (el as HTMLInputElement).labels;
  if (labels && labels.length > 0) return [...labels].map((l) => spokenText(l)).join(' ');
  return spokenText(el);
}

/** The role word of a control, or null for an element that is not one. */
export function controlRole(el: Element): ControlRole | null {
  const role = el.getAttribute('role');
  if (role && ['button', 'slider', 'radio', 'checkbox', 'link'].includes(role)) return role as ControlRole;
  if (el instanceof HTMLButtonElement || el.matches('summary')) return 'button';
  if (el instanceof HTMLSelectElement) return 'combobox';
  if (el instanceof HTMLAnchorElement && el.hasAttribute('href')) return 'link';
  if (el instanceof HTMLInputElement) {
    if (el.type === 'range') return 'slider';
    if (el.type === 'radio') return 'radio';
    if (el.type === 'checkbox') return 'checkbox';
    if (['button', 'submit', 'reset'].includes(el.type)) return 'button';
  }
  return null;
}

/** Everything the spoken help says about a control, or null when `el` is not a control. */
export function controlInfo(el: Element): ControlInfo | null {
  const role = controlRole(el);
  if (!role) return null;
  const info: ControlInfo = { name: accessibleName(el), role };
  if ((el as HTMLButtonElement).disabled || el.getAttribute('aria-disabled') === 'true') info.unavailable = true;
  if (el instanceof HTMLInputElement && (role === 'radio' || role === 'checkbox')) info.checked = el.checked;
  const pressed = el.getAttribute('aria-pressed');
  if (pressed === 'true' || pressed === 'false') info.pressed = pressed === 'true';
  if (el.getAttribute('aria-haspopup') === 'dialog') info.opensDialog = true;
  if (role === 'slider') info.value = el.getAttribute('aria-valuetext') || (el as HTMLInputElement).value || null;
  if (el instanceof HTMLSelectElement) info.value = el.selectedOptions[0]?.textContent?.trim() ?? null;
  const description = referencedText(el, 'aria-describedby');
  if (description) info.description = description;
  return info;
}

/** A dialog's title (aria-labelledby / aria-label) and its text (aria-describedby). */
export function dialogWords(dialog: Element): { title: string; text: string } {
  return { title: accessibleName(dialog), text: referencedText(dialog, 'aria-describedby') };
}
