// The interface sprite's map: parseSpriteMap refuses text that is not JSON and maps of the wrong
// shape (every problem listed, by phrase); checkSpriteMap finds missing, outdated and unused clips;
// assertSpriteCurrent names the phrases. Small hand-made maps, no files.
import { describe, expect, it } from 'vitest';
import type { Phrase } from '../../../src/kiosk/speech/phrases.ts';
import {
  assertSpriteCurrent,
  checkSpriteMap,
  parseSpriteMap,
  phraseHash,
  SpriteMapError,
  type InterfaceSprite,
} from '../../../src/kiosk/speech/sprite-map.ts';
import type { OfflineVoice } from '../../../src/narration/audio-manifest.ts';

const VOICE: OfflineVoice = { engine: 'espeak-ng', voice: 'en-us', tempo: 1 };
const LEX = 'lex-1';
/** A stand-in lexicon: the spoken form is the text in lower case. */
const spoken = (text: string) => text.toLowerCase();

const PHRASES: Phrase[] = [
  { id: 'play', text: 'Play' },
  { id: 'pause', text: 'Pause' },
  { id: 'num-7', text: 'seven' },
];

/** A map rendered (on paper) from `phrases`: 500 ms clips, 120 ms apart. */
function makeSprite(phrases: readonly Phrase[] = PHRASES, voice = VOICE, lex = LEX): InterfaceSprite {
  return {
    version: 1,
    files: { opus: 'interface.webm', mp3: 'interface.mp3' },
    voice,
    lexiconVersion: lex,
    phrases: Object.fromEntries(
      phrases.map((p, i) => [p.id, { start: 100 + i * 620, duration: 500, hash: phraseHash(spoken(p.text), voice, lex) }]),
    ),
  };
}

/** The problems a `SpriteMapError` lists (fails the test when something else is thrown). */
function problemsOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (error) {
    if (error instanceof SpriteMapError) return error.problems;
    throw error;
  }
  throw new Error('expected a SpriteMapError');
}

describe('phraseHash', () => {
  it('depends on the spoken text, the voice (engine, name, tempo) and the lexicon version', () => {
    const base = phraseHash('play', VOICE, LEX);
    expect(phraseHash('play', { ...VOICE }, LEX)).toBe(base);
    expect(phraseHash('play', { engine: 'espeak-ng', voice: 'en-us' }, LEX)).toBe(base); // tempo 1 is the default
    const variants = [
      phraseHash('pause', VOICE, LEX),
      phraseHash('play', { ...VOICE, voice: 'en-gb' }, LEX),
      phraseHash('play', { ...VOICE, engine: 'flite' }, LEX),
      phraseHash('play', { ...VOICE, tempo: 1.1 }, LEX),
      phraseHash('play', VOICE, 'lex-2'),
    ];
    expect(new Set([base, ...variants]).size).toBe(variants.length + 1);
  });
});

describe('parseSpriteMap', () => {
  it('reads a good map', () => {
    const sprite = makeSprite();
    expect(parseSpriteMap(JSON.stringify(sprite, null, 2))).toEqual(sprite);
  });

  it('says when the text is not valid JSON', () => {
    const problems = problemsOf(() => parseSpriteMap('{"version": 1,'));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/not valid JSON/u);
    expect(() => parseSpriteMap('')).toThrow(/interface\.json.*not valid JSON/u);
  });

  it('refuses JSON that is not an object', () => {
    expect(problemsOf(() => parseSpriteMap('[]'))).toEqual(['it is not a JSON object']);
    expect(problemsOf(() => parseSpriteMap('null'))).toEqual(['it is not a JSON object']);
  });

  it('lists every problem of a map of the wrong shape, naming the phrases', () => {
    const raw = {
      version: 2,
      files: { opus: 'interface.webm' },
      voice: { engine: 'espeak-ng' },
      lexiconVersion: 7,
      phrases: {
        play: { start: 100, duration: 500, hash: 'abc' },
        pause: { start: -1, duration: 500, hash: 'abc' },
        stop: { start: 0, duration: 0, hash: 'abc' },
        'num-7': { start: 0, duration: 300 },
        close: 'nothing',
      },
    };
    const problems = problemsOf(() => parseSpriteMap(JSON.stringify(raw)));
    expect(problems).toEqual([
      '"version" must be 1',
      '"files" must name the "opus" and "mp3" files',
      '"voice" must give the engine and voice',
      '"lexiconVersion" must be a string',
      'phrase "pause" needs a start, a positive duration (ms) and a hash',
      'phrase "stop" needs a start, a positive duration (ms) and a hash',
      'phrase "num-7" needs a start, a positive duration (ms) and a hash',
      'phrase "close" needs a start, a positive duration (ms) and a hash',
    ]);
  });

  it('refuses a map without phrases', () => {
    const rest: Partial<InterfaceSprite> = makeSprite();
    delete rest.phrases;
    expect(problemsOf(() => parseSpriteMap(JSON.stringify(rest)))).toEqual(['"phrases" must map phrase ids to clips']);
  });
});

describe('checkSpriteMap', () => {
  it('finds nothing wrong with a current map', () => {
    expect(checkSpriteMap(makeSprite(), PHRASES, spoken, { voice: VOICE, lexiconVersion: LEX })).toEqual({ missing: [], stale: [], extra: [] });
    expect(checkSpriteMap(makeSprite(), PHRASES, spoken)).toEqual({ missing: [], stale: [], extra: [] });
  });

  it('finds a missing phrase', () => {
    const sprite = makeSprite();
    delete sprite.phrases.pause;
    expect(checkSpriteMap(sprite, PHRASES, spoken)).toEqual({ missing: ['pause'], stale: [], extra: [] });
  });

  it('finds a stale phrase when its text changed', () => {
    const changed = PHRASES.map((p) => (p.id === 'play' ? { ...p, text: 'Play now' } : p));
    expect(checkSpriteMap(makeSprite(), changed, spoken)).toEqual({ missing: [], stale: ['play'], extra: [] });
  });

  it('finds every phrase stale when the voice or the lexicon changed', () => {
    const ids = PHRASES.map((p) => p.id);
    expect(checkSpriteMap(makeSprite(), PHRASES, spoken, { voice: { ...VOICE, voice: 'en-gb' } }).stale).toEqual(ids);
    expect(checkSpriteMap(makeSprite(), PHRASES, spoken, { lexiconVersion: 'lex-2' }).stale).toEqual(ids);
  });

  it('lists clips no phrase uses as extra', () => {
    const sprite = makeSprite([...PHRASES, { id: 'old-button', text: 'Old button' }]);
    expect(checkSpriteMap(sprite, PHRASES, spoken)).toEqual({ missing: [], stale: [], extra: ['old-button'] });
  });
});

describe('assertSpriteCurrent', () => {
  it('passes a current map, even with extra clips', () => {
    expect(() => assertSpriteCurrent({ missing: [], stale: [], extra: ['old-button'] })).not.toThrow();
  });

  it('names every missing and outdated phrase', () => {
    const describeId = (id: string) => `${id} "${PHRASES.find((p) => p.id === id)?.text ?? ''}"`;
    const problems = problemsOf(() => assertSpriteCurrent({ missing: ['pause'], stale: ['play', 'num-7'], extra: [] }, describeId));
    expect(problems).toEqual(['no clip for pause "Pause"', 'outdated clip for play "Play", num-7 "seven"']);
    expect(() => assertSpriteCurrent({ missing: ['pause'], stale: [], extra: [] })).toThrow(/interface\.json.*no clip for pause/u);
  });
});
