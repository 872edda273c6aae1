/**
 * The offline speech engines (flite, festival, espeak-ng): the command line that renders one
 * spoken span to a WAV file, with the voice's tempo applied by the engine itself (no time
 * stretching afterwards). The text goes through a small file, never through a shell.
 */
import type { OfflineVoice } from '../src/narration/audio-manifest.ts';

/** A command to run: program and arguments. */
export interface EngineCommand {
  cmd: string;
  args: string[];
}

/** espeak-ng's default speed in words per minute (tempo 1). */
const ESPEAK_WPM = 175;

/**
 * The span's spoken text as the engines want it: plain ASCII punctuation (festival reads its
 * input as Latin-1, so typographic quotes would be spelled out as noise). Apostrophes inside
 * words stay; quotation marks, which are not spoken, go; dashes become commas (a pause).
 */
export function engineText(spoken: string): string {
  return spoken
    .normalize('NFC')
    .replace(/(?<=\p{L})[’'](?=\p{L})/gu, "'")
    .replace(/[‘’“”"«»]/gu, '')
    .replace(/\s*[—–]\s*/gu, ', ')
    .replace(/…/gu, '...')
    .normalize('NFKD')
    .replace(/[^\x20-\x7e]/gu, '')
    .replace(/\s{2,}/gu, ' ')
    .trim();
}

/** A tempo factor (1 = engine default, 1.1 = 10 % faster), checked. */
function tempoOf(voice: OfflineVoice): number {
  const tempo = voice.tempo ?? 1;
  if (!(tempo >= 0.5 && tempo <= 2)) throw new Error(`voice ${voice.engine}/${voice.voice}: tempo ${tempo} is outside 0.5–2`);
  return tempo;
}

const fixed = (n: number) => Number(n.toFixed(4)).toString();

/**
 * The command that renders the text in `textFile` with `voice` into `wavFile`.
 * - flite: `flite -voice rms --setf duration_stretch=… -f text -o out.wav`
 * - festival: `text2wave -eval '(voice_…)' [tempo] text -o out.wav` (HTS voices take the
 *   hts_engine speed `-r`; diphone voices `Duration_Stretch`)
 * - espeak-ng: `espeak-ng -v en-gb+f3 -s wpm -f text -w out.wav`
 */
export function synthCommand(voice: OfflineVoice, textFile: string, wavFile: string): EngineCommand {
  const tempo = tempoOf(voice);
  switch (voice.engine) {
    case 'flite':
      return {
        cmd: 'flite',
        args: ['-voice', voice.voice, ...(tempo !== 1 ? ['--setf', `duration_stretch=${fixed(1 / tempo)}`] : []), '-f', textFile, '-o', wavFile],
      };
    case 'festival': {
      if (!/^voice_[\w]+$/u.test(voice.voice)) throw new Error(`festival voice "${voice.voice}" must be a voice_… function name`);
      const speed =
        tempo === 1
          ? []
          : voice.voice.endsWith('_hts')
            ? ['-eval', `(set! hts_engine_params (append hts_engine_params (list (list "-r" ${fixed(tempo)}))))`]
            : ['-eval', `(Parameter.set 'Duration_Stretch ${fixed(1 / tempo)})`];
      return { cmd: 'text2wave', args: ['-eval', `(${voice.voice})`, ...speed, textFile, '-o', wavFile] };
    }
    case 'espeak-ng':
      return { cmd: 'espeak-ng', args: ['-v', voice.voice, '-s', String(Math.round(ESPEAK_WPM * tempo)), '-f', textFile, '-w', wavFile] };
    default: {
      const never: never = voice.engine;
      throw new Error(`unknown engine ${String(never)}`);
    }
  }
}
