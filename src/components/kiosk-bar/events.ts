/**
 * Typed events of the kiosk UI (attract screen, kiosk bar, Home/Restart, idle dialog, help).
 * Controls send the visitor's intent up; the kiosk controller acts on it. All bubble and are
 * composed (../../ui/intent-event.ts); they are dispatched on user action only, never when a
 * property is set.
 */
import { intentEvent } from '../../ui/intent-event.ts';

/** The visitor left the attract screen (any key, click or touch). */
export class KioskStartEvent extends intentEvent('kiosk-start') {}

/** The visitor answered "Are you still there?" (Continue, any key or touch). */
export class KioskContinueEvent extends intentEvent('kiosk-continue') {}

/** The visitor confirmed "Start again from the beginning?". */
export class KioskRestartEvent extends intentEvent('kiosk-restart') {}

/** The visitor pressed A− (`step` −1) or A+ (`step` 1). */
export class KioskTextSizeEvent extends intentEvent('kiosk-text-size') {
  constructor(readonly step: -1 | 1) {
    super();
  }
}

/** The visitor pressed Quieter (`step` −1) or Louder (`step` 1). */
export class KioskVolumeEvent extends intentEvent('kiosk-volume') {
  constructor(readonly step: -1 | 1) {
    super();
  }
}

/** The visitor pressed "Read the text": the keypad moves through the sentences from now on. */
export class KioskReadTextEvent extends intentEvent('kiosk-read-text') {}

/** The visitor asked for the kiosk help ("Help" button or the Help key). */
export class KioskHelpRequestEvent extends intentEvent('kiosk-help-request') {}

/** The visitor pressed "Spoken help" (turns the kiosk's self-voicing on or off). */
export class KioskSpeechToggleEvent extends intentEvent('kiosk-speech-toggle') {}

declare global {
  interface GlobalEventHandlersEventMap {
    'kiosk-start': KioskStartEvent;
    'kiosk-continue': KioskContinueEvent;
    'kiosk-restart': KioskRestartEvent;
    'kiosk-text-size': KioskTextSizeEvent;
    'kiosk-volume': KioskVolumeEvent;
    'kiosk-read-text': KioskReadTextEvent;
    'kiosk-help-request': KioskHelpRequestEvent;
    'kiosk-speech-toggle': KioskSpeechToggleEvent;
  }
}
