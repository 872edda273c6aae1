/**
 * Typed event of the reload notice: the visitor asked to reload the page. It bubbles and is
 * composed (../../ui/intent-event.ts); the root element reloads. Dispatched on user action only.
 */
import { intentEvent } from '../../ui/intent-event.ts';

/** The visitor pressed "Reload the page". */
export class ReloadRequestEvent extends intentEvent('reload-request') {}

declare global {
  interface HTMLElementEventMap {
    'reload-request': ReloadRequestEvent;
  }
}
