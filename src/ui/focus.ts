/**
 * The focused element, looking through open shadow roots (a dialog's opener often lives inside
 * another component's shadow root, where `document.activeElement` only names its host).
 */
export function deepActiveElement(root: Document | ShadowRoot = document): Element | null {
  let active = root.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}
