// The two outputs of the spoken help: the sprite plays each phrase clip in order (numbers from
// number words, sentences from the recording), skips words it has no clip for (and says so),
// stops at once when cut, and never waits forever for a lost `end`; the device output says words
// and sentences in order through the session.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DeviceVoiceOutput, SpriteOutput, type SpritePlayerLike } from '../../../src/kiosk/speech/outputs.ts';
import { PhraseBook, type Prompt } from '../../../src/kiosk/speech/prompt.ts';
import { editionPhrases } from '../../../src/kiosk/speech/phrases.ts';

const book = new PhraseBook(editionPhrases({ kollontai: 'Kollontai', stalin: 'Stalin' }));

/** A Howl-like sprite player on fake timers: each clip ends after its duration unless told otherwise. */
function fakePlayer(durationMs = 100, { loseEnds = false } = {}) {
  const log: string[] = [];
  let nextId = 1;
  const ends = new Map<number, (id: number) => void>();
  const player: SpritePlayerLike = {
    play(spriteId) {
      const id = nextId++;
      log.push(`play ${spriteId}`);
      if (!loseEnds) setTimeout(() => ends.get(id)?.(id), durationMs);
      return id;
    },
    stop(id) {
      log.push(`stop ${id}`);
      ends.delete(id!);
    },
    volume: vi.fn(),
    rate: vi.fn(),
    once(event, listener, id) {
      if (event === 'end') ends.set(id!, listener);
    },
    off(event, _listener, id) {
      if (event === 'end') ends.delete(id!);
    },
  };
  return { player, log };
}

describe('SpriteOutput', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('plays the clips in order, then the sentence from the recording', async () => {
    const { player, log } = fakePlayer();
    const read = vi.fn(async (id: string, _signal: AbortSignal, onStart: () => void) => {
      onStart();
      log.push(`sentence ${id}`);
    });
    const starts: Prompt[] = [];
    const output = new SpriteOutput({
      player,
      readSentence: read,
      rate: () => 1.25,
      volume: () => 0.8,
      clipDuration: () => 100,
      onStart: (p) => starts.push(p),
    });
    const prompt: Prompt = { segments: [...book.prompt('Sentence 12 of 193, Stalin').segments, { kind: 'sentence', id: 's-1', speaker: 'stalin' }] };
    const saying = output.say(prompt, new AbortController().signal);
    await vi.advanceTimersByTimeAsync(2000);
    await saying;
    expect(log).toEqual([
      'play sentence', 'play num-12', 'play of', 'play num-1', 'play num-hundred', 'play num-90', 'play num-3', 'play speaker-stalin', 'sentence s-1',
    ]);
    expect(starts).toHaveLength(1);
    expect(player.volume).toHaveBeenCalledWith(0.8, 1);
    expect(player.rate).toHaveBeenCalledWith(1.25, 1);
  });

  it('skips words without a clip and reports them', async () => {
    const { player, log } = fakePlayer();
    const missing: string[] = [];
    const output = new SpriteOutput({ player, readSentence: vi.fn(), rate: () => 1, volume: () => 1, clipDuration: () => 100, onMissing: (t) => missing.push(t) });
    const saying = output.say(book.prompt('Zorbulate, button'), new AbortController().signal);
    await vi.advanceTimersByTimeAsync(500);
    await saying;
    expect(log).toEqual(['play button']);
    expect(missing).toEqual(['zorbulate']);
  });

  it('stops the sounding clip at once when cut, and plays nothing after', async () => {
    const { player, log } = fakePlayer(1000);
    const output = new SpriteOutput({ player, readSentence: vi.fn(), rate: () => 1, volume: () => 1, clipDuration: () => 1000 });
    const controller = new AbortController();
    const saying = output.say(book.prompt('Play, button'), controller.signal);
    await vi.advanceTimersByTimeAsync(100);
    controller.abort();
    await saying;
    await vi.advanceTimersByTimeAsync(3000);
    expect(log).toEqual(['play play', 'stop 1']);
  });

  it('gives up on a clip whose end never comes (suspended audio) with a clear error', async () => {
    const { player } = fakePlayer(100, { loseEnds: true });
    const output = new SpriteOutput({ player, readSentence: vi.fn(), rate: () => 1, volume: () => 1, clipDuration: () => 100, endGraceMs: 500 });
    const saying = output.say(book.prompt('Play'), new AbortController().signal);
    const outcome = expect(saying).rejects.toThrow('the spoken-help clip "play" did not finish');
    await vi.advanceTimersByTimeAsync(700);
    await outcome;
  });
});

describe('DeviceVoiceOutput', () => {
  it('says words and sentences in order at the prompt rate', async () => {
    const log: string[] = [];
    const output = new DeviceVoiceOutput({
      sayWords: async (text, rate, _signal, onStart) => {
        onStart();
        log.push(`words ${text} @${rate}`);
      },
      readSentence: async (id) => {
        log.push(`sentence ${id}`);
      },
      rate: () => 1.5,
    });
    const prompt: Prompt = { segments: [...book.prompt('Kollontai').segments, { kind: 'sentence', id: 's-9', speaker: 'kollontai' }] };
    await output.say(prompt, new AbortController().signal);
    expect(log).toEqual(['words Kollontai @1.5', 'sentence s-9']);
  });

  it('says nothing more once cut', async () => {
    const controller = new AbortController();
    const log: string[] = [];
    const output = new DeviceVoiceOutput({
      sayWords: async (text) => {
        log.push(text);
        controller.abort();
      },
      readSentence: async (id) => {
        log.push(id);
      },
      rate: () => 1,
    });
    await output.say({ segments: [...book.prompt('Play', 'Stop').segments] }, controller.signal);
    expect(log).toEqual(['Play']);
  });
});
