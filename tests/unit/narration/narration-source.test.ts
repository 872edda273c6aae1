// The choice between the device voice and the recorded narration: URL parameter, first source,
// and which failures fall back to the recording.
import { describe, expect, it } from 'vitest';
import {
  FALLBACK_NOTICE,
  initialSource,
  parseSourceParam,
  shouldFallBack,
  type NarrationSource,
  type SourcePreference,
} from '../../../src/narration/narration-source.ts';
import type { NarrationErrorCode } from '../../../src/narration/types.ts';

describe('parseSourceParam', () => {
  it('accepts recorded/device and the audio/speech aliases, any case', () => {
    expect(parseSourceParam('recorded')).toBe('recorded');
    expect(parseSourceParam('audio')).toBe('recorded');
    expect(parseSourceParam('device')).toBe('device');
    expect(parseSourceParam('speech')).toBe('device');
    expect(parseSourceParam(' Recorded ')).toBe('recorded');
    expect(parseSourceParam('SPEECH')).toBe('device');
  });

  it('returns null for anything else', () => {
    for (const value of [null, '', 'auto', 'tts', 'recorded,device', 'toString', '__proto__', 'constructor']) {
      expect(parseSourceParam(value)).toBeNull();
    }
    expect(parseSourceParam(new URLSearchParams('?narration=audio').get('narration'))).toBe('recorded');
    expect(parseSourceParam(new URLSearchParams('?x=1').get('narration'))).toBeNull();
  });
});

describe('initialSource', () => {
  const sources: (NarrationSource | null)[] = [null, 'device', 'recorded'];
  const preferences: SourcePreference[] = ['auto', 'device', 'recorded'];

  it('forced wins, then an explicit preference, then auto by speech availability', () => {
    for (const forced of sources) {
      for (const preference of preferences) {
        for (const speechAvailable of [true, false]) {
          const expected = forced ?? (preference !== 'auto' ? preference : speechAvailable ? 'device' : 'recorded');
          expect(initialSource({ forced, preference, speechAvailable })).toBe(expected);
        }
      }
    }
    expect(initialSource({ forced: null, preference: 'auto', speechAvailable: false })).toBe('recorded');
    expect(initialSource({ forced: 'device', preference: 'recorded', speechAvailable: false })).toBe('device');
  });
});

describe('shouldFallBack', () => {
  const fallBackCodes: NarrationErrorCode[] = ['unsupported', 'no-voices', 'synthesis-failed', 'stalled'];

  it('falls back for device failures a recording fixes', () => {
    for (const code of fallBackCodes) {
      expect(shouldFallBack({ code }, 'device', null)).toBe(true);
      expect(shouldFallBack({ code }, 'device', 'recorded')).toBe(true);
    }
  });

  it('never when forced to the device voice, never for not-allowed, never for the recording', () => {
    for (const code of fallBackCodes) expect(shouldFallBack({ code }, 'device', 'device')).toBe(false);
    expect(shouldFallBack({ code: 'not-allowed' }, 'device', null)).toBe(false);
    expect(shouldFallBack({ code: 'audio-failed' }, 'device', null)).toBe(false);
    for (const code of [...fallBackCodes, 'audio-failed', 'not-allowed']) {
      expect(shouldFallBack({ code }, 'recorded', null)).toBe(false);
    }
    expect(shouldFallBack({ code: 'weird' }, 'device', null)).toBe(false);
  });

  it('has the notice text', () => {
    expect(FALLBACK_NOTICE).toBe('Device voice unavailable. Playing the recorded narration from the same sentence.');
  });
});
