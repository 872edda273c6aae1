/**
 * Voice casting: picks a voice and prosody for every speaker from the voices the device has,
 * guided by `cast.json` (ranked name hints, gender, language, prosody per speaker). Pure: the
 * voices come in as plain `VoiceInfo` copies, so this runs in node and in tests.
 */
import { SPEAKER_IDS, type SpeakerId } from '../content/model.ts';
import castData from './cast.json';
import type { VoiceAssignment, VoiceCast, VoiceInfo } from './types.ts';

/** A speaker's voice wishes. */
export interface CastPreference {
  /** Preferred languages, best first ("en-GB", then any "en"). */
  lang: string[];
  gender?: 'male' | 'female';
  /** Voice name hints, best first, matched as words ("David" matches "Microsoft David - English"). */
  names: string[];
}

/** One speaker in the cast file. */
export interface CastEntry {
  prefer: CastPreference;
  /** Relative to the reader's speed and the voice's normal pitch (1 = unchanged). */
  prosody: { rate: number; pitch: number };
}

/** The cast file (`cast.json`): one entry per speaker. */
export type CastFile = Record<SpeakerId, CastEntry>;

/** The cast file shipped with the edition. */
export const DEFAULT_CAST_FILE: CastFile = castData as unknown as CastFile;

/** True for English language tags, however spelt: `en`, `en-GB`, `en_US`, `eng-US-f000`. */
export function isEnglishLang(lang: string): boolean {
  return /^en(?:g)?(?:[-_]|$)/i.test(lang.trim());
}

const NOVELTY_SUBSTRINGS = [
  'whisper',
  'croak',
  'demonic',
  'tweaky',
  'unirobot',
  'robosoft',
  'robot',
  'grandma',
  'grandpa',
  'klatt',
  'anxiousandy',
  'ricishaymax',
  'fast',
  'kaukovalta',
  'bad news',
  'good news',
];
/** macOS novelty voices, matched as whole words. */
const NOVELTY_WORDS = new Set([
  'albert',
  'bahh',
  'bells',
  'boing',
  'bubbles',
  'cellos',
  'jester',
  'organ',
  'superstar',
  'trinoids',
  'wobble',
  'zarvox',
  'deranged',
  'hysterical',
]);

/** Words of a voice name, lower-cased ("English (America)+Alicia espeak-ng" → english, america, alicia, espeak, ng). */
function nameWords(name: string): string[] {
  return name
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

/** True for joke and effect voices (whisper, robot, espeak's klatt variants, macOS Bells…). */
export function isNoveltyVoice(name: string): boolean {
  const lower = name.toLowerCase();
  return NOVELTY_SUBSTRINGS.some((s) => lower.includes(s)) || nameWords(name).some((w) => NOVELTY_WORDS.has(w));
}

/** True for Microsoft "(Natural)" voices, which ignore pitch. */
export function isNaturalVoice(name: string | null | undefined): boolean {
  return !!name && /natural/i.test(name);
}

const FEMALE = new Set([
  // Microsoft, Apple, Google and other common platform voices
  'zira', 'aria', 'jenny', 'hazel', 'susan', 'heera', 'catherine', 'libby', 'sonia', 'michelle', 'emma', 'clara',
  'natasha', 'samantha', 'karen', 'moira', 'tessa', 'victoria', 'fiona', 'veena', 'allison', 'ava', 'kate', 'serena',
  'martha', 'nicky', 'kathy', 'vicki', 'sara', 'ana', 'nancy', 'maisie', 'mia', 'ashley', 'cora', 'elizabeth',
  'monica', 'amber', 'jessa', 'female',
  // espeak-ng variants
  'alicia', 'andrea', 'annie', 'anika', 'aunty', 'belinda', 'linda',
]);
const MALE = new Set([
  'david', 'mark', 'guy', 'ryan', 'george', 'daniel', 'alex', 'fred', 'tom', 'oliver', 'aaron', 'rishi', 'thomas',
  'arthur', 'gordon', 'lee', 'reed', 'eddy', 'ralph', 'junior', 'christopher', 'eric', 'roger', 'brian', 'andrew',
  'davis', 'tony', 'james', 'liam', 'william', 'connor', 'mitchell', 'neil', 'prabhat', 'ravi', 'sean', 'michael',
  'jacob', 'brandon', 'steffan', 'ethan', 'male',
  // espeak-ng variants
  'andy', 'michel', 'travis', 'victor', 'hugo', 'denis', 'antonio',
]);

/** The gender of a voice when its name is a known one (platform voices, espeak-ng variants); else null. */
export function voiceGender(name: string): 'male' | 'female' | null {
  for (const word of nameWords(name)) {
    if (FEMALE.has(word) || /^f[1-5]$/.test(word) || /^steph\d*$/.test(word)) return 'female';
    if (MALE.has(word) || /^m[1-8]$/.test(word)) return 'male';
  }
  return null;
}

/** Normalised language tag: lower case, `_` → `-`. */
function normLang(lang: string): string {
  return lang.trim().toLowerCase().replace(/_/g, '-');
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Whether a name hint matches a voice name as a word (trailing digits allowed: "steph" ~ "steph2"). */
export function matchesNameHint(name: string, hint: string): boolean {
  return new RegExp(`(?:^|[^\\p{L}\\p{N}])${escapeRegExp(hint.trim())}\\d*(?:[^\\p{L}\\p{N}]|$)`, 'iu').test(name);
}

/** How well a voice fits a speaker (higher is better). */
export function scoreVoice(voice: VoiceInfo, prefer: CastPreference): number {
  let score = 0;
  const hint = prefer.names.findIndex((h) => matchesNameHint(voice.name, h));
  if (hint >= 0) score += 40 + (prefer.names.length - hint) * 4;
  const gender = voiceGender(voice.name);
  if (prefer.gender && gender) score += gender === prefer.gender ? 20 : -25;
  const lang = normLang(voice.lang).replace(/^eng(?=-|$)/, 'en');
  const langRank = prefer.lang.findIndex((p) => {
    const want = normLang(p);
    return lang === want || lang.startsWith(`${want}-`);
  });
  if (langRank >= 0) score += (prefer.lang.length - langRank) * 6;
  if (voice.localService) score += 15;
  if (voice.default) score += 2;
  return score;
}

/** English, non-novelty voices, duplicates (same name and language) removed. Order kept. */
export function usableVoices(voices: readonly VoiceInfo[]): VoiceInfo[] {
  const seen = new Set<string>();
  return voices.filter((v) => {
    const key = `${v.name}\u0000${normLang(v.lang)}`;
    if (!isEnglishLang(v.lang) || isNoveltyVoice(v.name) || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Usable voices ranked for one speaker, best first (stable). */
export function rankVoices(voices: readonly VoiceInfo[], entry: CastEntry): VoiceInfo[] {
  return usableVoices(voices)
    .map((voice, order) => ({ voice, order, score: scoreVoice(voice, entry.prefer) }))
    .sort((a, b) => b.score - a.score || a.order - b.order)
    .map((r) => r.voice);
}

const round3 = (n: number) => Math.round(n * 1000) / 1000;

/**
 * Casts a voice for every speaker. Pure.
 * - Only English, non-novelty voices are considered, except a user override: an override
 *   (voice name) wins whenever a voice of that name exists.
 * - Greedy in speaker order (`SPEAKER_IDS`): each speaker gets its best-scoring voice not yet
 *   taken; once every voice is taken, voices are shared and the cast file's prosody (pairwise
 *   distinct `(rate, pitch)`) keeps the speakers apart.
 * - A Microsoft "(Natural)" voice ignores pitch: its pitch is set to 1 and the pitch difference is
 *   folded into the rate; speakers sharing one voice always end up with distinct `(rate, pitch)`.
 * - With no usable voice at all, assignments have `voiceURI: null` (the backend then refuses to
 *   speak rather than use an accidental default).
 */
export function castVoices(
  voices: readonly VoiceInfo[],
  castFile: CastFile = DEFAULT_CAST_FILE,
  overrides: Partial<Record<SpeakerId, string>> = {},
): VoiceCast {
  const chosen = new Map<SpeakerId, VoiceInfo | null>();
  const used = new Set<VoiceInfo>();

  for (const speaker of SPEAKER_IDS) {
    const wanted = overrides[speaker]?.trim();
    if (!wanted) continue;
    const voice =
      voices.find((v) => v.name === wanted) ?? voices.find((v) => v.name.toLowerCase() === wanted.toLowerCase());
    if (voice) {
      chosen.set(speaker, voice);
      used.add(voice);
    }
  }

  for (const speaker of SPEAKER_IDS) {
    if (chosen.has(speaker)) continue;
    const ranked = rankVoices(voices, castFile[speaker]);
    const voice = ranked.find((v) => !used.has(v)) ?? ranked[0] ?? null;
    chosen.set(speaker, voice);
    if (voice) used.add(voice);
  }

  const cast = {} as VoiceCast;
  for (const speaker of SPEAKER_IDS) {
    const voice = chosen.get(speaker) ?? null;
    const { rate, pitch } = castFile[speaker].prosody;
    const natural = isNaturalVoice(voice?.name);
    const assignment: VoiceAssignment = {
      voiceURI: voice?.voiceURI ?? null,
      voiceName: voice?.name ?? null,
      lang: voice?.lang ?? castFile[speaker].prefer.lang[0] ?? 'en',
      rate: natural ? round3(rate + (pitch - 1) * 0.25) : rate,
      pitch: natural ? 1 : pitch,
    };
    // Speakers sharing this voice must still sound different: nudge the rate on a collision.
    const sameVoice = SPEAKER_IDS.filter((s) => s !== speaker && cast[s] && cast[s].voiceName === assignment.voiceName);
    while (sameVoice.some((s) => cast[s].rate === assignment.rate && cast[s].pitch === assignment.pitch)) {
      assignment.rate = round3(assignment.rate + 0.04);
    }
    cast[speaker] = assignment;
  }
  return cast;
}

/** One line per speaker ("stalin: Microsoft Mark (en-US) rate 0.92 pitch 0.8"), for debugging. */
export function castSummary(cast: VoiceCast): string {
  return SPEAKER_IDS.map((s) => {
    const a = cast[s];
    return `${s}: ${a.voiceName ?? '(no voice)'} (${a.lang}) rate ${a.rate} pitch ${a.pitch}`;
  }).join('\n');
}
