/**
 * Typed events of the narration UI (controls bar, keyboard-shortcuts help, voice settings).
 * Controls send the reader's intent up with these; only the root element talks to the narration
 * engine and hands the new state back down. All bubble and are composed, so they cross shadow
 * roots (../../ui/intent-event.ts). They are dispatched on user action only, never when a property
 * is set.
 */
import type { SpeakerId } from '../../content/model.ts';
import { intentEvent } from '../../ui/intent-event.ts';

/** What the reader asked the narration to do. */
export type NarrationCommand =
  | 'toggle' // play when not playing, pause when playing (the Alt+Shift+P shortcut)
  | 'play'
  | 'pause'
  | 'stop'
  | 'previous' // previous sentence
  | 'next' // next sentence
  | 'previous-paragraph'
  | 'next-paragraph'
  | 'resume-saved' // start reading from the saved position
  | 'notes' // the Editor reads the current sentence's glossary entries and notes, then reading goes on
  | 'copy-link' // copy a link to the current sentence
  | 'use-device-voice'; // after a recording fault: read on with the device voice, from the same sentence

/** Reading options the reader can switch in the keyboard-shortcuts dialog. */
export type NarrationOption = 'shortcuts' | 'followAlong' | 'tabToSentences';

/**
 * The range of the overall reading speed, shared by every speed slider (1 = normal).
 * `NarrationRateEvent.rate` is always inside it and on a step.
 */
export const NARRATION_RATE_RANGE = { min: 0.5, max: 2, step: 0.25 } as const;

/** Clamps a speed to `NARRATION_RATE_RANGE` and rounds it to a step; NaN gives 1. */
export function normalizeRate(rate: number): number {
  const { min, max, step } = NARRATION_RATE_RANGE;
  if (!Number.isFinite(rate)) return 1;
  const stepped = Math.round(rate / step) * step;
  return Math.min(max, Math.max(min, stepped));
}

/**
 * Who the reader bar says is speaking: "Editor" while an Editor's aside is read (the content
 * notice, a note), "probably Molotov" where the annotation marks the speaker as uncertain, else
 * the name, followed by the sentence's other voices ("Kollontai, with Compiler"); null when
 * nothing is known yet.
 */
export function speakerLabel(view: {
  speakerName: string | null;
  speakerUncertain?: boolean;
  aside?: string | null;
  otherSpeakerNames?: readonly string[];
}): string | null {
  if (view.aside) return 'Editor';
  if (!view.speakerName) return null;
  const main = view.speakerUncertain ? `probably ${view.speakerName}` : view.speakerName;
  const others = view.otherSpeakerNames ?? [];
  return others.length > 0 ? `${main}, with ${others.join(' and ')}` : main;
}

/**
 * A speed as shown ("1.25×") and as spoken by screen readers (the sliders' `aria-valuetext`):
 * "normal speed" at 1×, else "1.25 times speed".
 */
export function describeRate(rate: number): { short: string; spoken: string } {
  const n = String(Number(normalizeRate(rate).toFixed(2)));
  return { short: `${n}×`, spoken: n === '1' ? 'normal speed' : `${n} times speed` };
}

/** The reader pressed a transport button (play, pause, stop, previous, next, resume). */
export class NarrationCommandEvent extends intentEvent('narration-command') {
  constructor(readonly command: NarrationCommand) {
    super();
  }
}

/** The reader moved a speed slider. */
export class NarrationRateEvent extends intentEvent('narration-rate') {
  constructor(
    /** New overall speed, 0.5–2 in steps of 0.25 (1 = normal). */
    readonly rate: number,
  ) {
    super();
  }
}

/** The reader chose a voice for one speaker. */
export class VoiceChoiceEvent extends intentEvent('voice-choice') {
  constructor(
    readonly speaker: SpeakerId,
    /** `SpeechSynthesisVoice.name` of the chosen voice; null = automatic (the engine's casting). */
    readonly voiceName: string | null,
  ) {
    super();
  }
}

/** The reader asked to hear a sample of one speaker's voice. */
export class VoicePreviewEvent extends intentEvent('voice-preview') {
  constructor(
    readonly speaker: SpeakerId,
    /** The voice currently chosen in that speaker's list; null = automatic. */
    readonly voiceName: string | null,
  ) {
    super();
  }
}

/** The reader switched a narration option on or off. */
export class NarrationOptionEvent extends intentEvent('narration-option') {
  constructor(
    readonly option: NarrationOption,
    readonly value: boolean,
  ) {
    super();
  }
}

/** The reader chose device speech or the recorded narration. */
export class NarrationSourceEvent extends intentEvent('narration-source') {
  constructor(readonly source: 'device' | 'recorded') {
    super();
  }
}

/** The reader asked to open the "Keyboard shortcuts" dialog. */
export class HelpOpenRequestEvent extends intentEvent('narration-help-request') {}

/** The reader asked to open the "Voices" dialog. */
export class VoicesOpenRequestEvent extends intentEvent('voice-settings-request') {}

declare global {
  interface GlobalEventHandlersEventMap {
    'narration-command': NarrationCommandEvent;
    'narration-rate': NarrationRateEvent;
    'voice-choice': VoiceChoiceEvent;
    'voice-preview': VoicePreviewEvent;
    'narration-option': NarrationOptionEvent;
    'narration-source': NarrationSourceEvent;
    'narration-help-request': HelpOpenRequestEvent;
    'voice-settings-request': VoicesOpenRequestEvent;
  }
}
