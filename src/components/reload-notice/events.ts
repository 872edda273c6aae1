/**
 * Typed event of the reload notice: the visitor asked to reload the page. It bubbles and is
 * composed; the root element reloads. Dispatched on user action only.
 */

/** The visitor pressed "Reload the page". */
export class ReloadRequestEvent extends Event {
  static readonly eventType = 'reload-request';
  constructor() {
    super(ReloadRequestEvent.eventType, { bubbles: true, composed: true });
  }
}

declare global {
  interface HTMLElementEventMap {
    'reload-request': ReloadRequestEvent;
  }
}
