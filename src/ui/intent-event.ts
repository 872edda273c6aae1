/**
 * The base of the typed events controls send up (the reader's or visitor's intent): each bubbles
 * and is composed, so it crosses shadow roots, and carries its type as `eventType`. Components
 * dispatch them on user action only, never when a property is set. DOM only; no Lit.
 */

/**
 * A base class for the intent event of type `type`:
 * `export class KioskStartEvent extends intentEvent('kiosk-start') {}`. An event with a payload
 * adds its fields in its own constructor and calls `super()`.
 */
export function intentEvent<T extends string>(type: T) {
  return class IntentEvent extends Event {
    static readonly eventType: T = type;

    constructor() {
      super(type, { bubbles: true, composed: true });
    }
  };
}
