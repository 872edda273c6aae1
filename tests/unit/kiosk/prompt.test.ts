// The kiosk's spoken help wording: every control described as a screen reader would (name,
// value, role word, state), positions, value changes, the help per place, and how any interface
// text becomes recorded phrase clips (known phrases longest first, numbers from number words).
import { describe, expect, it } from 'vitest';
import { editionPhrases, interfacePhrases, numberWordIds, normalizePhraseText, KIOSK_TEXT } from '../../../src/kiosk/speech/phrases.ts';
import {
  PhraseBook,
  describeControl,
  describePosition,
  describeSeconds,
  describeValueChange,
  helpTexts,
  promptClipIds,
  unknownWords,
  welcomeTexts,
  type ControlInfo,
} from '../../../src/kiosk/speech/prompt.ts';
import { SETTING_DESCRIPTOR_LIST } from '../../../src/settings/descriptors.ts';

const SPEAKERS = { narrator: 'Compiler', kollontai: 'Kollontai', molotov: 'Molotov', stalin: 'Stalin', secretary: 'Secretary', editor: 'Editor' };
const book = new PhraseBook(editionPhrases(SPEAKERS));
const clips = (text: string) => promptClipIds(book.prompt(text));

describe('describeControl', () => {
  it.each<[ControlInfo, string]>([
    [{ name: 'Play', role: 'button' }, 'Play, button'],
    [{ name: 'Speed', role: 'slider', value: 'normal' }, 'Speed, normal, slider'],
    [{ name: 'Voices…', role: 'button', opensDialog: true }, 'Voices…, opens a dialog'],
    [{ name: 'Stop', role: 'button', unavailable: true }, 'Stop, button, unavailable'],
    [{ name: 'High contrast dark', role: 'radio', checked: true }, 'High contrast dark, radio button, checked'],
    [{ name: 'Reading focus', role: 'checkbox', checked: false, description: 'Dim every paragraph except the one being read.' },
      'Reading focus, check box, not checked, Dim every paragraph except the one being read.'],
    [{ name: 'Spoken help', role: 'button', pressed: true }, 'Spoken help, button, on'],
    [{ name: 'Louder', role: 'button', unavailable: true, description: 'Volume 100%' }, 'Louder, button, unavailable, Volume 100%'],
    [{ name: 'Kollontai', role: 'combobox', value: 'Automatic' }, 'Kollontai, Automatic, pop-up menu'],
    [{ name: '', role: 'link' }, 'Unlabelled, link'],
  ])('%o → %s', (info, words) => {
    expect(describeControl(info)).toBe(words);
  });

  it('value changes, positions and seconds', () => {
    expect(describeValueChange('Louder', 'Volume 80%')).toBe('Louder, Volume 80%');
    expect(describePosition(11, 193, 'Stalin')).toBe('Sentence 12 of 193, Stalin');
    expect(describePosition(0, 5, null)).toBe('Sentence 1 of 5');
    expect(describeSeconds(1)).toBe('1 second');
    expect(describeSeconds(20)).toBe('20 seconds');
  });
});

describe('PhraseBook.compose', () => {
  it('says every control description of the kiosk with recorded phrases only', () => {
    expect(clips('Play, button')).toEqual(['play', 'button']);
    expect(clips('Speed, normal, slider')).toEqual(['speed', 'normal', 'slider']);
    expect(clips('Voices…, opens a dialog')).toEqual(['voices', 'opens-a-dialog']);
    expect(clips('Stop, button, unavailable')).toEqual(['stop', 'button', 'unavailable']);
    expect(clips('Spoken help, button, off')).toEqual(['kiosk-spoken-help', 'button', 'off']);
    expect(clips('Previous sentence, button')).toEqual(['previous-sentence', 'button']);
  });

  it('composes numbers from number words', () => {
    expect(clips('Sentence 12 of 193, Stalin')).toEqual(['sentence', 'num-12', 'of', 'num-1', 'num-hundred', 'num-90', 'num-3', 'speaker-stalin']);
    expect(clips('Louder, Volume 80%')).toEqual(['louder', 'volume', 'num-80', 'percent']);
    expect(clips('Speed, 1.25 times, slider')).toEqual(['speed', 'num-1', 'point', 'num-2', 'num-5', 'times', 'slider']);
    expect(clips('200')).toEqual(['num-2', 'num-hundred']);
    expect(clips('0')).toEqual(['num-0']);
    expect(clips('Resume from sentence 101')).toEqual(['resume-from-sentence', 'num-1', 'num-hundred', 'num-1']);
  });

  it('says every number from 0 to 300 without a gap', () => {
    for (let n = 0; n <= 300; n++) expect(unknownWords(book.prompt(String(n))), String(n)).toEqual([]);
  });

  it('prefers the longest phrase and keeps unknown words apart', () => {
    expect(clips('Text size 120%')).toEqual(['text-size', 'num-1', 'num-hundred', 'num-20', 'percent']);
    expect(clips('Larger text, button, Text size 120%')).toEqual(['larger-text', 'button', 'text-size', 'num-1', 'num-hundred', 'num-20', 'percent']);
    expect(clips('Zorbulate, button')).toEqual(['?zorbulate', 'button']);
    expect(unknownWords(book.prompt('Voice espeak-ng English, pop-up menu'))).toEqual(['voice espeak ng english']);
  });

  it('says each kiosk sentence as one clip, and the welcome, help and dialogs fully', () => {
    expect(clips(KIOSK_TEXT.welcome)).toEqual(['kiosk-welcome']);
    expect(clips(KIOSK_TEXT.essentials)).toEqual(['kiosk-essentials']);
    for (const context of ['bar', 'text', 'dialog'] as const) {
      const prompt = book.prompt(...helpTexts(context));
      expect(unknownWords(prompt)).toEqual([]);
      expect(promptClipIds(prompt)[0]).toBe('kiosk-help-title');
    }
    expect(helpTexts('text')).toContain(KIOSK_TEXT.helpKeysText);
    expect(helpTexts('bar')).toContain(KIOSK_TEXT.helpKeysBar);
    expect(promptClipIds(book.prompt(...welcomeTexts()))).toEqual(['kiosk-welcome', 'kiosk-essentials']);
    const idle = `${KIOSK_TEXT.idleGoingBack} 30 seconds ${KIOSK_TEXT.idleClears} ${KIOSK_TEXT.idleAnswer}`;
    expect(clips(idle)).toEqual(['kiosk-idle-going-back', 'num-30', 'seconds', 'kiosk-idle-clears', 'kiosk-idle-answer']);
  });

  it('has a phrase for every setting label, option and description', () => {
    for (const d of SETTING_DESCRIPTOR_LIST) {
      expect(unknownWords(book.prompt(d.label)), d.label).toEqual([]);
      if (d.description) expect(unknownWords(book.prompt(d.description))).toEqual([]);
      if (d.kind === 'choice') for (const o of d.options) expect(unknownWords(book.prompt(o.label))).toEqual([]);
    }
  });
});

describe('phrases', () => {
  it('have unique ids and texts, every speaker, and the number words', () => {
    const phrases = editionPhrases(SPEAKERS);
    expect(new Set(phrases.map((p) => p.id)).size).toBe(phrases.length);
    expect(new Set(phrases.map((p) => normalizePhraseText(p.text))).size).toBe(phrases.length);
    for (const name of Object.values(SPEAKERS)) expect(phrases.some((p) => p.text === name)).toBe(true);
    expect(phrases.filter((p) => p.id.startsWith('num-'))).toHaveLength(29);
  });
  it('are the same list for the same speakers (the sprite and the page agree)', () => {
    expect(interfacePhrases(Object.values(SPEAKERS))).toEqual(editionPhrases(SPEAKERS));
  });
  it('number words', () => {
    expect(numberWordIds(7)).toEqual(['num-7']);
    expect(numberWordIds(40)).toEqual(['num-40']);
    expect(numberWordIds(193)).toEqual(['num-1', 'num-hundred', 'num-90', 'num-3']);
    expect(() => numberWordIds(1000)).toThrow(RangeError);
    expect(() => numberWordIds(-1)).toThrow(RangeError);
  });
  it('normalizes for matching', () => {
    expect(normalizePhraseText('Voices…')).toBe('voices');
    expect(normalizePhraseText('Stalin’s  conversation, 1.25 times.')).toBe("stalin's conversation 1.25 times");
    expect(normalizePhraseText('80%')).toBe('80 percent');
  });
});
