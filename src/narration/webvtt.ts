/**
 * WebVTT captions of the recorded narration: one cue per sentence in the audio's order, the
 * sentence id as cue identifier, times from the manifest, and a `<v Speaker>` voice span per
 * speaker run (so a captions track and a transcript both say who is speaking). A run whose
 * speaker is uncertain is `<v Molotov (uncertain)>`, and a NOTE before the first cue of an
 * uncertain attribution gives the reason, as the page does.
 * Pure: no Lit, no DOM, no node modules (used by the audio scripts and in the page).
 */
import type { SpeakerId } from '../content/model.ts';
import type { AudioManifest } from './audio-manifest.ts';

/** One speaker run of a sentence, as the captions need it. */
export interface VttSpan {
  speaker: SpeakerId;
  /** Displayed text of the run. */
  text: string;
  /** The annotation marks this run's speaker as uncertain (`Sentence.spans[].uncertain`). */
  uncertain?: boolean;
}

/** A sentence as the captions need it: displayed text, split into speaker runs (`Sentence` fits). */
export interface VttSentence {
  id: string;
  /** Displayed text of the whole sentence (used when `spans` is empty). */
  text: string;
  /** Primary speaker. */
  speaker: SpeakerId;
  /** Displayed text per speaker run, in order; their concatenation is the sentence's text. */
  spans: VttSpan[];
  /** Why the sentence's attribution is uncertain (`Sentence.uncertain`): written as a NOTE. */
  uncertain?: string;
}

/** What a voice name says for an uncertain speaker: `Molotov (uncertain)`. */
export const uncertainVoiceName = (name: string): string => `${name} (uncertain)`;

/** Optional header note. */
export interface WebVttOptions {
  /** Title of the work, for the NOTE block. */
  title?: string;
  /** Credit lines for the NOTE block (one per line). */
  credits?: string[];
}

/** `HH:MM:SS.mmm` for a time in milliseconds (negative → 0; hours may exceed 99). */
export function formatVttTime(ms: number): string {
  const total = Math.max(0, Math.round(Number.isFinite(ms) ? ms : 0));
  const millis = total % 1000;
  const seconds = Math.floor(total / 1000) % 60;
  const minutes = Math.floor(total / 60_000) % 60;
  const hours = Math.floor(total / 3_600_000);
  const pad = (n: number, width: number) => String(n).padStart(width, '0');
  return `${pad(hours, 2)}:${pad(minutes, 2)}:${pad(seconds, 2)}.${pad(millis, 3)}`;
}

/** Escapes cue text: `&`, `<`, `>`; line breaks become spaces (a blank line would end the cue). */
export function escapeVttText(text: string): string {
  return text
    .replace(/\r\n|\r|\n/g, ' ')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

/** Escapes a `<v …>` annotation (a speaker name): `&` and `>`; no line breaks. */
function escapeAnnotation(name: string): string {
  return name
    .replace(/[\r\n]+/g, ' ')
    .replace(/&/g, '&amp;')
    .replace(/>/g, '&gt;')
    .trim();
}

/** A NOTE line: no line breaks, no `-->`. */
function noteLine(text: string): string {
  return text.replace(/[\r\n]+/g, ' ').replace(/-->/g, '->').trim();
}

/**
 * The speaker runs of a sentence, adjacent runs of the same speaker (and the same certainty)
 * merged, empty runs dropped.
 */
function runsOf(sentence: VttSentence): Array<{ speaker: SpeakerId; text: string; uncertain: boolean }> {
  const source: VttSpan[] = sentence.spans.length > 0 ? sentence.spans : [{ speaker: sentence.speaker, text: sentence.text }];
  const runs: Array<{ speaker: SpeakerId; text: string; uncertain: boolean }> = [];
  for (const span of source) {
    if (span.text === '') continue;
    const uncertain = span.uncertain === true;
    const last = runs.at(-1);
    if (last && last.speaker === span.speaker && last.uncertain === uncertain) last.text += span.text;
    else runs.push({ speaker: span.speaker, text: span.text, uncertain });
  }
  return runs;
}

/**
 * Builds a WebVTT file from the manifest and the displayed sentences.
 *
 * - Cues follow `manifest.order`; each cue's identifier is the sentence id.
 * - Cues never overlap and always move forward: a cue ends at the next cue's start at the
 *   latest, and lasts at least 1 ms.
 * - Payload: `<v Name>text</v>` per speaker run, with `speakerNames` (the id when missing);
 *   `<v Name (uncertain)>` for a run whose speaker is uncertain.
 * - A sentence with an uncertain attribution gets a `NOTE Uncertain attribution: <why>` before
 *   its cue, unless the cue before it had the same note (one note per uncertain passage).
 *
 * Throws when a sentence of the manifest has no text here (a stale manifest or text).
 */
export function manifestToWebVtt(
  manifest: AudioManifest,
  sentences: VttSentence[],
  speakerNames: Record<SpeakerId, string>,
  options: WebVttOptions = {},
): string {
  const byId = new Map(sentences.map((s) => [s.id, s]));
  const lines: string[] = ['WEBVTT', ''];

  const note: string[] = [];
  if (options.title) note.push(noteLine(options.title));
  for (const credit of options.credits ?? []) if (credit.trim()) note.push(noteLine(credit));
  if (note.length > 0) lines.push('NOTE', ...note, '');

  const order = manifest.order;
  let previousEnd = 0;
  let previousNote: string | undefined;
  for (let i = 0; i < order.length; i++) {
    const id = order[i]!;
    const entry = manifest.sentences[id];
    const sentence = byId.get(id);
    if (!entry) throw new Error(`manifestToWebVtt: the manifest lists "${id}" without times`);
    if (!sentence) throw new Error(`manifestToWebVtt: no text for sentence "${id}"`);
    const next = order[i + 1] !== undefined ? manifest.sentences[order[i + 1]!] : undefined;
    const start = Math.max(Math.round(entry.start), previousEnd);
    let end = Math.round(entry.end);
    if (next) end = Math.min(end, Math.round(next.start));
    end = Math.max(end, start + 1);
    previousEnd = end;

    const note = sentence.uncertain?.trim() ? noteLine(sentence.uncertain) : undefined;
    if (note && note !== previousNote) lines.push('NOTE', `Uncertain attribution: ${note}`, '');
    previousNote = note;

    const payload = runsOf(sentence)
      .map((run) => {
        const name = speakerNames[run.speaker] ?? run.speaker;
        return `<v ${escapeAnnotation(run.uncertain ? uncertainVoiceName(name) : name)}>${escapeVttText(run.text)}</v>`;
      })
      .join('');
    lines.push(id.replace(/[\r\n]+/g, ' ').replace(/-->/g, '->'), `${formatVttTime(start)} --> ${formatVttTime(end)}`, payload, '');
  }
  return lines.join('\n');
}
