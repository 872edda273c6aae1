/**
 * Typed events of the kiosk UI (attract screen, kiosk bar, Home/Restart, idle dialog, help).
 * Controls send the visitor's intent up; the kiosk controller acts on it. All bubble and are
 * composed; they are dispatched on user action only, never when a property is set.
 */

const init: EventInit = { bubbles: true, composed: true };

/** The visitor left the attract screen (any key, click or touch). */
export class KioskStartEvent extends Event {
  static readonly eventType = 'kiosk-start';
  constructor() {
    super(KioskStartEvent.eventType, init);
  }
}

/** The visitor answered "Are you still there?" (Continue, any key or touch). */
export class KioskContinueEvent extends Event {
  static readonly eventType = 'kiosk-continue';
  constructor() {
    super(KioskContinueEvent.eventType, init);
  }
}

/** The visitor confirmed "Start again from the beginning?". */
export class KioskRestartEvent extends Event {
  static readonly eventType = 'kiosk-restart';
  constructor() {
    super(KioskRestartEvent.eventType, init);
  }
}

/** The visitor pressed A− (`step` −1) or A+ (`step` 1). */
export class KioskTextSizeEvent extends Event {
  static readonly eventType = 'kiosk-text-size';
  constructor(readonly step: -1 | 1) {
    super(KioskTextSizeEvent.eventType, init);
  }
}

/** The visitor pressed Quieter (`step` −1) or Louder (`step` 1). */
export class KioskVolumeEvent extends Event {
  static readonly eventType = 'kiosk-volume';
  constructor(readonly step: -1 | 1) {
    super(KioskVolumeEvent.eventType, init);
  }
}

/** The visitor pressed "Read the text": the keypad moves through the sentences from now on. */
export class KioskReadTextEvent extends Event {
  static readonly eventType = 'kiosk-read-text';
  constructor() {
    super(KioskReadTextEvent.eventType, init);
  }
}

/** The visitor asked for the kiosk help ("Help" button or the Help key). */
export class KioskHelpRequestEvent extends Event {
  static readonly eventType = 'kiosk-help-request';
  constructor() {
    super(KioskHelpRequestEvent.eventType, init);
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'kiosk-start': KioskStartEvent;
    'kiosk-continue': KioskContinueEvent;
    'kiosk-restart': KioskRestartEvent;
    'kiosk-text-size': KioskTextSizeEvent;
    'kiosk-volume': KioskVolumeEvent;
    'kiosk-read-text': KioskReadTextEvent;
    'kiosk-help-request': KioskHelpRequestEvent;
  }
}

/** The visitor pressed "Spoken help" (turns the kiosk's self-voicing on or off). */
export class KioskSpeechToggleEvent extends Event {
  static readonly eventType = 'kiosk-speech-toggle';
  constructor() {
    super(KioskSpeechToggleEvent.eventType, init);
  }
}
