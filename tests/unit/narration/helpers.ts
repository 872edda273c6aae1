// Shared fixtures for the narration tests: a small hand-built script, a six-voice device, and a
// harness wiring NarrationEngine → SpeechSynthesisBackend → FakeSpeechSynthesis on fake timers.
import { vi } from 'vitest';
import { castVoices } from '../../../src/narration/casting.ts';
import { NarrationEngine, type NarrationSnapshot } from '../../../src/narration/engine.ts';
import {
  SpeechSynthesisBackend,
  type SpeechSynthesisBackendOptions,
} from '../../../src/narration/backends/speech-synthesis-backend.ts';
import type { NarrationScript, VoiceCast, VoiceInfo } from '../../../src/narration/types.ts';
import { FakeSpeechSynthesis, createFakeUtterance, item, voice, type FakeSpeechOptions } from './fake-speech.ts';
import { random } from '../../../audio-scripts/align/test-take.ts';

/**
 * Six sentences in four blocks: p1 = [0, 1], p2 = [2], p3 = [3] (a mixed sentence: Kollontai,
 * then the narrator), p4 = [4, 5].
 */
export const SCRIPT: NarrationScript = {
  items: [
    item('s0', 0, 'p1', [['narrator', 'It was November.']]),
    item('s1', 1, 'p1', [['narrator', 'Snow fell on the city.']]),
    item('s2', 2, 'p2', [['stalin', 'Sit down, please.']]),
    item('s3', 3, 'p3', [
      ['kollontai', 'I thank you,'],
      ['narrator', ' she said.'],
    ]),
    item('s4', 4, 'p4', [['molotov', 'Good.']]),
    item('s5', 5, 'p4', [['secretary', 'Tea for the guest?']]),
  ],
  speakerNames: {
    narrator: 'Narrator',
    kollontai: 'Kollontai',
    molotov: 'Molotov',
    stalin: 'Stalin',
    secretary: 'Secretary',
    editor: 'Editor',
  },
  passages: [],
  asides: {},
};

/** A device with one good voice per speaker. */
export const SIX_VOICES: VoiceInfo[] = [
  voice('Daniel', 'en-GB'),
  voice('Samantha', 'en-US'),
  voice('Microsoft Mark - English (United States)', 'en-US'),
  voice('Tom', 'en-US'),
  voice('Victoria', 'en-US'),
  voice('Microsoft Jenny - English (United States)', 'en-US'),
];

export interface HarnessOptions {
  fake?: FakeSpeechOptions;
  backend?: SpeechSynthesisBackendOptions;
  script?: NarrationScript;
  startIndex?: number;
  cast?: VoiceCast;
  preload?: boolean;
  rate?: number;
}

/** Engine + real Web Speech backend + fake synth. Call after vi.useFakeTimers(). */
export function harness(options: HarnessOptions = {}) {
  const voices = options.fake?.voices ?? SIX_VOICES;
  const synth = new FakeSpeechSynthesis({ ...options.fake, voices });
  const backend = new SpeechSynthesisBackend(synth, {
    createUtterance: createFakeUtterance,
    pauseMode: 'native',
    userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64)',
    ...options.backend,
  });
  const cast = options.cast ?? castVoices(voices);
  const script = options.script ?? SCRIPT;
  const engine = new NarrationEngine({
    script,
    backend,
    cast,
    startIndex: options.startIndex,
    preload: options.preload,
    rate: options.rate,
  });
  const snapshots: NarrationSnapshot[] = [];
  engine.subscribe((s) => snapshots.push(s));
  return { synth, backend, engine, cast, script, snapshots };
}

/** Lets promises settle and timers run for `ms`. */
export async function advance(ms = 0): Promise<void> {
  await vi.advanceTimersByTimeAsync(ms);
}

/** Texts spoken, in order. */
export function texts(synth: FakeSpeechSynthesis): string[] {
  return synth.spoken.map((s) => s.text);
}

/** A seeded PRNG (mulberry32): the aligner's test takes' own (`random` in audio-scripts/align/test-take.ts). */
export const prng = random;
