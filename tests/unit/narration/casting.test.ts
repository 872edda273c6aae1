// Voice casting: distinct voices, one-voice devices, overrides, novelty and non-English voices,
// Natural voices, gender hints, and the shipped cast file's own invariants.
import { describe, expect, it } from 'vitest';
import { SPEAKER_IDS } from '../../../src/content/model.ts';
import {
  DEFAULT_CAST_FILE,
  castSummary,
  castVoices,
  isEnglishLang,
  isNoveltyVoice,
  matchesNameHint,
  voiceGender,
} from '../../../src/narration/casting.ts';
import { voice } from './fake-speech.ts';
import { SIX_VOICES } from './helpers.ts';

const pairs = (cast: ReturnType<typeof castVoices>) => SPEAKER_IDS.map((s) => `${cast[s].rate}/${cast[s].pitch}`);

describe('the cast file', () => {
  it('has an entry for every speaker with sane prosody', () => {
    for (const s of SPEAKER_IDS) {
      const entry = DEFAULT_CAST_FILE[s];
      expect(entry.prefer.names.length).toBeGreaterThan(0);
      expect(entry.prefer.lang.every(isEnglishLang)).toBe(true);
      expect(entry.prosody.rate).toBeGreaterThanOrEqual(0.8);
      expect(entry.prosody.rate).toBeLessThanOrEqual(1.2);
      expect(entry.prosody.pitch).toBeGreaterThanOrEqual(0.5);
      expect(entry.prosody.pitch).toBeLessThanOrEqual(1.5);
    }
  });

  it('keeps (rate, pitch) pairwise distinct, and rates distinct once pitch is folded in (Natural)', () => {
    const prosody = SPEAKER_IDS.map((s) => DEFAULT_CAST_FILE[s].prosody);
    expect(new Set(prosody.map((p) => `${p.rate}/${p.pitch}`)).size).toBe(SPEAKER_IDS.length);
    expect(new Set(prosody.map((p) => Math.round((p.rate + (p.pitch - 1) * 0.25) * 1000))).size).toBe(SPEAKER_IDS.length);
  });
});

describe('castVoices', () => {
  it('gives every speaker a distinct, fitting voice when there are enough', () => {
    const cast = castVoices(SIX_VOICES);
    expect(SPEAKER_IDS.map((s) => cast[s].voiceName)).toEqual([
      'Daniel',
      'Samantha',
      'Microsoft Mark - English (United States)',
      'Tom',
      'Victoria',
      'Microsoft Jenny - English (United States)',
    ]);
    expect(cast.narrator).toMatchObject({ voiceURI: 'urn:voice:Daniel', lang: 'en-GB', rate: 1, pitch: 1 });
    expect(cast.stalin).toMatchObject({ rate: 0.92, pitch: 0.8 });
  });

  it('on a typical Windows/Chrome set: local voices first, genders respected, all distinct', () => {
    const voices = [
      voice('Microsoft David - English (United States)'),
      voice('Microsoft Mark - English (United States)'),
      voice('Microsoft Zira - English (United States)'),
      voice('Google US English', 'en-US', { localService: false }),
      voice('Google UK English Female', 'en-GB', { localService: false }),
      voice('Google UK English Male', 'en-GB', { localService: false }),
      voice('Google français', 'fr-FR', { localService: false }),
    ];
    const cast = castVoices(voices);
    const names = SPEAKER_IDS.map((s) => cast[s].voiceName);
    expect(new Set(names).size).toBe(6);
    expect(cast.narrator.voiceName).toMatch(/David/);
    expect(cast.kollontai.voiceName).toMatch(/Zira/);
    expect(cast.molotov.voiceName).toMatch(/Mark/);
    expect(voiceGender(cast.stalin.voiceName!)).toBe('male');
    expect(voiceGender(cast.secretary.voiceName!)).toBe('female');
    expect(names).not.toContain('Google français');
  });

  it('casts espeak-ng variants by their gender and skips novelty variants', () => {
    const names = [
      'English (Great Britain) espeak-ng',
      'English (America)+Alicia espeak-ng',
      'English (America)+Andy espeak-ng',
      'English (America)+m3 espeak-ng',
      'English (America)+f2 espeak-ng',
      'English (America)+whisper espeak-ng',
      'English (America)+klatt espeak-ng',
      'English (America)+steph2 espeak-ng',
    ];
    const cast = castVoices(names.map((n) => voice(n, 'en-US')));
    expect(cast.kollontai.voiceName).toContain('Alicia');
    expect(cast.molotov.voiceName).toContain('Andy');
    expect(cast.secretary.voiceName).toContain('f2');
    expect(cast.editor.voiceName).toContain('steph2');
    const used = SPEAKER_IDS.map((s) => cast[s].voiceName);
    expect(used.some((n) => /whisper|klatt/.test(n!))).toBe(false);
    expect(new Set(used).size).toBe(6);
  });

  it('with a single voice, everyone shares it and prosody keeps them apart', () => {
    const cast = castVoices([voice('Only One', 'en_US')]);
    expect(new Set(SPEAKER_IDS.map((s) => cast[s].voiceName))).toEqual(new Set(['Only One']));
    expect(new Set(pairs(cast)).size).toBe(SPEAKER_IDS.length);
  });

  it('shares voices only once distinct ones run out', () => {
    const cast = castVoices([voice('Daniel', 'en-GB'), voice('Samantha', 'en-US')]);
    expect(cast.narrator.voiceName).toBe('Daniel');
    expect(cast.kollontai.voiceName).toBe('Samantha');
    expect(new Set(pairs(cast)).size).toBe(SPEAKER_IDS.length);
  });

  it('a user override wins when the voice exists (even a non-English one); unknown names are ignored', () => {
    const voices = [...SIX_VOICES, voice('Anna', 'de-DE')];
    const cast = castVoices(voices, undefined, { stalin: 'Daniel', molotov: 'Anna', editor: 'No Such Voice' });
    expect(cast.stalin.voiceName).toBe('Daniel');
    expect(cast.molotov.voiceName).toBe('Anna');
    expect(cast.narrator.voiceName).not.toBe('Daniel'); // Daniel is taken by the override
    expect(cast.editor.voiceName).toBe('Microsoft Jenny - English (United States)');
  });

  it('excludes novelty and non-English voices', () => {
    const voices = [
      voice('Whisper', 'en-US'),
      voice('Zarvox', 'en-US'),
      voice('Bad News', 'en-US'),
      voice('Thomas', 'fr-FR'),
      voice('Anna', 'de-DE'),
      voice('Karen', 'en-AU'),
    ];
    const cast = castVoices(voices);
    expect(new Set(SPEAKER_IDS.map((s) => cast[s].voiceName))).toEqual(new Set(['Karen']));
  });

  it('with no usable voice, assignments have no voice (the backend then refuses rather than guess)', () => {
    const cast = castVoices([voice('Anna', 'de-DE')]);
    expect(cast.narrator).toMatchObject({ voiceURI: null, voiceName: null, lang: 'en-GB' });
  });

  it('sets pitch 1 on a Natural voice and separates speakers by rate instead', () => {
    const natural = voice('Microsoft Ryan Online (Natural) - English (United Kingdom)', 'en-GB', { localService: false });
    const cast = castVoices([natural]);
    expect(SPEAKER_IDS.every((s) => cast[s].pitch === 1)).toBe(true);
    expect(new Set(SPEAKER_IDS.map((s) => cast[s].rate)).size).toBe(SPEAKER_IDS.length);
    expect(cast.stalin.rate).toBeLessThan(cast.narrator.rate); // lower pitch → slower
  });

  it('prefers local voices over online ones of equal fit', () => {
    const cast = castVoices([
      voice('Ryan Online', 'en-GB', { localService: false, voiceURI: 'online' }),
      voice('Daniel', 'en-GB', { voiceURI: 'local' }),
    ]);
    expect(cast.narrator.voiceURI).toBe('local');
  });

  it('castSummary names every speaker', () => {
    const text = castSummary(castVoices(SIX_VOICES));
    expect(text.split('\n')).toHaveLength(6);
    expect(text).toContain('stalin: Tom (en-US) rate 0.92 pitch 0.8');
  });
});

describe('helpers', () => {
  it.each([
    ['en', true],
    ['en-GB', true],
    ['en_US', true],
    ['EN-us', true],
    ['eng-US-f000', true],
    ['eng', true],
    ['de-DE', false],
    ['fr', false],
    ['', false],
    ['enx', false],
  ])('isEnglishLang(%s) = %s', (lang, english) => {
    expect(isEnglishLang(lang)).toBe(english);
  });

  it.each([
    ['Microsoft David - English (United States)', 'male'],
    ['Microsoft Zira - English (United States)', 'female'],
    ['Google UK English Female', 'female'],
    ['Google UK English Male', 'male'],
    ['English (America)+Alicia espeak-ng', 'female'],
    ['English (America)+m7 espeak-ng', 'male'],
    ['English (America)+steph3 espeak-ng', 'female'],
    ['Unknown Voice', null],
  ])('voiceGender(%s) = %s', (name, gender) => {
    expect(voiceGender(name)).toBe(gender);
  });

  it('matches name hints as words', () => {
    expect(matchesNameHint('Microsoft Guy Online (Natural)', 'Guy')).toBe(true);
    expect(matchesNameHint('Alexandra', 'Alex')).toBe(false);
    expect(matchesNameHint('English (America)+steph2 espeak-ng', 'steph')).toBe(true);
    expect(matchesNameHint('English (America)+m3 espeak-ng', 'm3')).toBe(true);
    expect(matchesNameHint('Microsoft Mark', 'm3')).toBe(false);
  });

  it('recognises novelty voices', () => {
    expect(['Whisper', 'English+klatt2', 'Bad News', 'Pipe Organ', 'UniRobot', 'Grandpa (English (UK))'].every(isNoveltyVoice)).toBe(true);
    expect(['Daniel', 'Microsoft Zira', 'Google US English'].some(isNoveltyVoice)).toBe(false);
  });
});
