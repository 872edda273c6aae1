// The offline engines' command lines and the text they are given (no TTS is run here).
import { describe, expect, it } from 'vitest';
import { engineText, synthCommand } from '../../../audio-scripts/engines.ts';

describe('engineText', () => {
  it('keeps apostrophes in words, drops quotation marks, and is plain ASCII', () => {
    expect(engineText('‘I, Stalin’s friend,” said “Molotov” — yes…')).toBe("I, Stalin's friend, said Molotov, yes...");
    expect(engineText('Dialog, 1998, number 8')).toBe('Dialog, 1998, number 8');
    expect(engineText('café naïve')).toBe('cafe naive');
  });
});

describe('synthCommand', () => {
  it('builds flite, festival and espeak-ng command lines with the tempo applied by the engine', () => {
    expect(synthCommand({ engine: 'flite', voice: 'rms' }, 't.txt', 'o.wav')).toEqual({ cmd: 'flite', args: ['-voice', 'rms', '-f', 't.txt', '-o', 'o.wav'] });
    expect(synthCommand({ engine: 'flite', voice: 'awb', tempo: 1.25 }, 't.txt', 'o.wav').args).toContain('duration_stretch=0.8');
    const hts = synthCommand({ engine: 'festival', voice: 'voice_cmu_us_slt_arctic_hts', tempo: 1.1 }, 't.txt', 'o.wav');
    expect(hts.cmd).toBe('text2wave');
    expect(hts.args.join(' ')).toContain('(voice_cmu_us_slt_arctic_hts)');
    expect(hts.args.join(' ')).toContain('"-r" 1.1');
    expect(synthCommand({ engine: 'festival', voice: 'voice_kal_diphone', tempo: 2 }, 't.txt', 'o.wav').args.join(' ')).toContain("Duration_Stretch 0.5");
    expect(synthCommand({ engine: 'espeak-ng', voice: 'en-gb+f3', tempo: 0.8 }, 't.txt', 'o.wav')).toEqual({
      cmd: 'espeak-ng',
      args: ['-v', 'en-gb+f3', '-s', '140', '-f', 't.txt', '-w', 'o.wav'],
    });
  });

  it('refuses a festival voice that is not a voice function, and an absurd tempo', () => {
    expect(() => synthCommand({ engine: 'festival', voice: '(system "rm")' }, 't', 'o')).toThrow(/voice_/u);
    expect(() => synthCommand({ engine: 'flite', voice: 'rms', tempo: 5 }, 't', 'o')).toThrow(/tempo/u);
  });
});
