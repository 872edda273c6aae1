/**
 * Shared types of the narration layer: the script the engine reads, the one status value,
 * the backend interface every way of producing sound implements (Web Speech now, recorded
 * audio through Howler later), and voice casting. Pure: no Lit, no DOM.
 */
import type { SpeakerId } from '../content/model.ts';

/** The one status value of the narration (changed only by the reducer in `status.ts`). */
export type NarrationStatus = 'idle' | 'loading' | 'playing' | 'paused' | 'ended' | 'error';

/** One voice run of a sentence, with the text as it is to be *spoken* (lexicon applied). */
export interface SpokenSpan {
  speaker: SpeakerId;
  /** Text sent to the synthesizer. Never shown. */
  text: string;
  /** Start of this run in the sentence's displayed text (for word highlighting). */
  displayStart: number;
  /** The displayed text of this run. */
  displayText: string;
}

/** One sentence as the narration sees it. Keyed by the stable sentence id. */
export interface NarrationItem {
  /** Stable sentence id (the sentence element's `id`). */
  id: string;
  /** Position in reading order, 0-based. */
  index: number;
  /** Primary speaker. */
  speaker: SpeakerId;
  /** Block (paragraph) id: for previous/next paragraph. */
  paragraph: string;
  section: string;
  /** Displayed text (for previews and status). */
  text: string;
  /** One utterance per span. */
  spans: SpokenSpan[];
  /** Set when the sentence's speaker is uncertain: the bar says "probably <name>". */
  uncertain?: boolean;
  /** Ids of the asides (`NarrationScript.asides`) that read this sentence's glossary entries and notes. */
  notes?: string[];
  /**
   * Id of the Editor's aside read before the first sentence of an uncertain attribution is read for
   * the first time in a visit ("The next words are probably Molotov's…").
   */
  uncertainAside?: string;
}

/**
 * A content notice and the passage it warns about: whenever narration enters the passage from
 * outside it, the notice's sentences are read first (once per entry).
 */
export interface NoticedPassage {
  /** Sentence ids of the notice, in order. */
  notice: string[];
  /** Sentence ids of the passage, in order. */
  passage: string[];
}

/** Everything the narration reads, in reading order. */
export interface NarrationScript {
  items: NarrationItem[];
  /** Display names of the speakers, for the status line ("Stalin"). */
  speakerNames: Record<SpeakerId, string>;
  /** Content notices and their passages (empty when the text has none). */
  passages: NoticedPassage[];
  /**
   * Editor's asides read outside the reading order, by id: `note-<entry id>` (a glossary entry or
   * note, read on request) and `uncertain-<block id>`. Each is one editor-voice item (`index` -1).
   */
  asides: Record<string, NarrationItem>;
}

/** Machine-readable reasons for a narration failure. */
export type NarrationErrorCode =
  | 'unsupported' // no speechSynthesis at all
  | 'no-voices' // no usable (English) voice within the timeout
  | 'not-allowed' // the browser wants a user gesture first
  | 'synthesis-failed' // the synthesizer reported an error
  | 'stalled' // an utterance never started or never ended (watchdog)
  | 'audio-failed'; // recorded audio missing or corrupt (issue 4)

/** A failure the engine reports to the reader (with a plain-language message). */
export class NarrationError extends Error {
  constructor(
    readonly code: NarrationErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'NarrationError';
  }
}

/** The voice and prosody used for one speaker. `rate` and `pitch` are relative (1 = normal). */
export interface VoiceAssignment {
  /** `SpeechSynthesisVoice.voiceURI` of the chosen voice, or null for the platform default. */
  voiceURI: string | null;
  /** Its name, for display and for persisting the choice. */
  voiceName: string | null;
  lang: string;
  /** Multiplied with the reader's overall speed. */
  rate: number;
  pitch: number;
}

/** The cast: a voice for every speaker. */
export type VoiceCast = Record<SpeakerId, VoiceAssignment>;

/** What a backend needs to know about a voice (a plain copy of `SpeechSynthesisVoice`). */
export interface VoiceInfo {
  voiceURI: string;
  name: string;
  lang: string;
  localService: boolean;
  default: boolean;
}

/** Callbacks a backend makes while it reads one sentence. */
export interface SentenceCallbacks {
  /** The first sound of the sentence started (highlight now). */
  onStart(): void;
  /** A word started, where the engine reports it: offsets into the sentence's displayed text. */
  onWord?(displayStart: number, displayLength: number): void;
  /** No word is being heard any more (a pause between words, the sentence's end): clear the word. */
  onWordEnd?(): void;
}

/** Options for reading one sentence. */
export interface SentenceOptions {
  /** Overall speed chosen by the reader (0.5–2), multiplied with each speaker's own rate. */
  rate: number;
  /** Voice per speaker. */
  cast: VoiceCast;
  /**
   * Loudness of the narration, 0–1 (default 1): the utterance `volume` for device speech, the
   * Howl's volume for the recording. An in-app control for kiosks, apart from the system volume.
   */
  volume?: number;
}

/**
 * A way of producing the narration. The engine reads one sentence at a time and passes an
 * AbortSignal: once it is aborted, the backend must stop and must not call back any more.
 */
export interface NarrationBackend {
  readonly kind: 'speech' | 'recorded';
  /** Gets ready (voices, audio). Rejects with a NarrationError when it cannot work here. */
  prepare(signal: AbortSignal): Promise<void>;
  /** Reads one sentence; resolves when it has been read, rejects with a NarrationError. */
  readSentence(item: NarrationItem, options: SentenceOptions, callbacks: SentenceCallbacks, signal: AbortSignal): Promise<void>;
  /** Pauses in place. Returns false when it cannot (the engine then restarts the sentence on resume). */
  pause(): boolean;
  /** Resumes after a successful `pause()`. Returns false when it cannot. */
  resume(): boolean;
  /** Stops all sound now. */
  cancel(): void;
  /**
   * Changes the volume (0–1) of the sentence sounding now, in place. Returns false when it cannot
   * (an utterance's volume is fixed once spoken): the engine then restarts the sentence.
   */
  setVolume?(volume: number): boolean;
  /** Frees resources and listeners. */
  dispose(): void;
}
