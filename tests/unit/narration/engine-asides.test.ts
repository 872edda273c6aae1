// The Editor's asides around the reading order (issue 10): the content notice is read whenever
// narration enters the noticed passage from outside it, by any route, once per entry; a
// "probably…" aside before an uncertain attribution the first time it is read; notes on request.
// Real Web Speech backend over the fake synth: the assertions are on what is spoken, in order.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { NarrationItem, NarrationScript } from '../../../src/narration/types.ts';
import { item } from './fake-speech.ts';
import { advance, harness, texts } from './helpers.ts';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

const aside = (id: string, text: string): NarrationItem => ({
  id,
  index: -1,
  speaker: 'editor',
  paragraph: id,
  section: 'asides',
  text,
  spans: [{ speaker: 'editor', text, displayStart: 0, displayText: text }],
});

const NOTICE = 'Content note: a harmful passage follows.';
const PROBABLY = 'The next words are probably Molotov’s.';
const NOTE = 'Anschluss. Germany annexed Austria in 1938.';

/**
 * s0 s1 | notice n0 | passage p0 p1 (block b1), p2 (block b2) | after a0 (uncertain, block u) a1 (block u).
 */
const SCRIPT: NarrationScript = {
  items: [
    { ...item('s0', 0, 'b0', [['narrator', 'Before one.']]), notes: ['note-anschluss'] },
    item('s1', 1, 'b0', [['kollontai', 'Before two.']]),
    item('n0', 2, 'bn', [['editor', NOTICE]]),
    item('p0', 3, 'b1', [['stalin', 'Passage one.']]),
    item('p1', 4, 'b1', [['stalin', 'Passage two.']]),
    item('p2', 5, 'b2', [['stalin', 'Passage three.']]),
    { ...item('a0', 6, 'u', [['molotov', 'After one.']]), uncertain: true, uncertainAside: 'uncertain-u' },
    { ...item('a1', 7, 'u', [['molotov', 'After two.']]), uncertain: true, uncertainAside: 'uncertain-u' },
  ],
  speakerNames: { narrator: 'Compiler', kollontai: 'Kollontai', molotov: 'Molotov', stalin: 'Stalin', secretary: 'Secretary', editor: 'Editor' },
  passages: [{ notice: ['n0'], passage: ['p0', 'p1', 'p2'] }],
  asides: { 'uncertain-u': aside('uncertain-u', PROBABLY), 'note-anschluss': aside('note-anschluss', NOTE) },
};

async function ready(startIndex = 0) {
  const h = harness({ script: SCRIPT, startIndex });
  await advance();
  return h;
}

describe('the content notice on every route into the passage', () => {
  it('reading on from before the passage reads the notice once, in order, not twice', async () => {
    const { engine, synth } = await ready(1);
    engine.play();
    await advance(60_000);
    expect(texts(synth)).toEqual(['Before two.', NOTICE, 'Passage one.', 'Passage two.', 'Passage three.', PROBABLY, 'After one.', 'After two.']);
  });

  it('Play on a sentence inside the passage (a click, a deep link, Resume) reads the notice first', async () => {
    for (const start of ['p0', 'p1', 'p2']) {
      const { engine, synth } = await ready();
      engine.playFrom(start);
      await advance(2_000);
      expect(texts(synth).slice(0, 2), start).toEqual([NOTICE, SCRIPT.items.find((i) => i.id === start)!.text]);
      engine.dispose();
    }
  });

  it('a deep link (start index) inside the passage, then Play, reads the notice first', async () => {
    const { engine, synth } = await ready(4);
    engine.play();
    await advance(2_000);
    expect(texts(synth).slice(0, 2)).toEqual([NOTICE, 'Passage two.']);
  });

  it('Next sentence into the passage while playing reads the notice; moving inside it does not repeat it', async () => {
    const { engine, synth } = await ready(1);
    engine.play();
    await advance(0);
    engine.next(); // onto the notice itself: read as a sentence, heard to its end
    await advance(700);
    expect(engine.snapshot.currentId).toBe('p0');
    engine.next(); // inside the passage: no second notice
    await advance(0);
    engine.previous();
    await advance(60_000);
    expect(texts(synth)).toEqual(['Before two.', NOTICE, 'Passage one.', 'Passage two.', 'Passage one.', 'Passage two.', 'Passage three.', PROBABLY, 'After one.', 'After two.']);
  });

  it('a notice cut short by Next does not count: the passage is entered with the notice read in full', async () => {
    const { engine, synth } = await ready(1);
    engine.play();
    await advance(0);
    engine.next(); // onto the notice…
    await advance(0);
    engine.next(); // …and at once past it
    await advance(1_000);
    expect(texts(synth).slice(0, 4)).toEqual(['Before two.', NOTICE, NOTICE, 'Passage one.']);
  });

  it('Next paragraph from before the passage (skipping the notice) reads the notice first', async () => {
    const { engine, synth } = await ready(0);
    engine.play();
    await advance(0);
    engine.nextParagraph(); // to the notice
    engine.nextParagraph(); // past it, into the passage
    await advance(1_000);
    expect(texts(synth).slice(0, 4)).toEqual(['Before one.', NOTICE, NOTICE, 'Passage one.']);
  });

  it('Previous sentence from after the passage back into it reads the notice again (a new entry)', async () => {
    const { engine, synth } = await ready(6);
    engine.play();
    await advance(2_000);
    synth.spoken.length = 0;
    engine.playFrom('p2');
    await advance(1_000);
    expect(texts(synth).slice(0, 2)).toEqual([NOTICE, 'Passage three.']);
  });

  it('idle moves then Play (a paused or stopped reader who moved into the passage) read the notice', async () => {
    const { engine, synth } = await ready(0);
    engine.seek('p1');
    engine.play();
    await advance(1_000);
    expect(texts(synth).slice(0, 2)).toEqual([NOTICE, 'Passage two.']);
  });

  it('pause and resume inside the passage, or a speed change, do not repeat the notice', async () => {
    const { engine, synth } = await ready(0);
    engine.playFrom('p0');
    await advance(0);
    expect(engine.snapshot.aside).toBe('n0');
    await advance(700); // the notice ends, the passage starts
    expect(engine.snapshot).toMatchObject({ aside: null, currentId: 'p0' });
    engine.pause();
    engine.play();
    engine.setRate(1.5);
    await advance(60_000);
    expect(texts(synth).filter((t) => t === NOTICE)).toHaveLength(1);
    expect(texts(synth).filter((t) => t === 'Passage one.').length).toBeGreaterThanOrEqual(2);
  });

  it('a speed change while the notice is read reads the whole notice again, then the passage', async () => {
    const { engine, synth } = await ready(0);
    engine.playFrom('p1');
    await advance(50);
    engine.setRate(1.25);
    await advance(2_000);
    expect(texts(synth).slice(0, 3)).toEqual([NOTICE, NOTICE, 'Passage two.']);
  });

  it('a new visitor (forgetHistory) hears the notice again even where the last reader was inside', async () => {
    const { engine, synth } = await ready(0);
    engine.playFrom('p0');
    await advance(400);
    engine.stop();
    engine.forgetHistory();
    synth.spoken.length = 0;
    engine.playFrom('p1');
    await advance(0);
    expect(texts(synth)[0]).toBe(NOTICE);
  });

  it('moves the highlight to the notice while it is read, then to the sentence', async () => {
    const { engine } = await ready(0);
    const starts: string[] = [];
    engine.onSentenceStart((id) => starts.push(id));
    engine.playFrom('p2');
    await advance(1_000);
    expect(starts.slice(0, 2)).toEqual(['n0', 'p2']);
  });
});

describe('uncertain attributions', () => {
  it('the first time an uncertain line is read, the Editor says "probably…" once; never again in the visit', async () => {
    const { engine, synth } = await ready(6);
    engine.play();
    await advance(2_000);
    engine.playFrom('a0');
    await advance(2_000);
    expect(texts(synth)).toEqual([PROBABLY, 'After one.', 'After two.', 'After one.', 'After two.']);
    expect(engine.snapshot.speakerUncertain).toBe(true);
  });
});

describe('notes for this sentence', () => {
  it('while playing: stops the sentence, reads its notes, then reads the same sentence from its start', async () => {
    const { engine, synth } = await ready(0);
    engine.play();
    await advance(0);
    expect(engine.interject(engine.notesOf('s0'))).toBe(true);
    await advance(0);
    expect(engine.snapshot).toMatchObject({ aside: 'note-anschluss', currentId: 's0' });
    await advance(800);
    expect(engine.snapshot).toMatchObject({ status: 'playing', currentId: 's0', aside: null });
    await advance(1_000);
    expect(texts(synth).slice(0, 4)).toEqual(['Before one.', NOTE, 'Before one.', 'Before two.']);
  });

  it('does nothing when not playing or when the sentence has no notes', async () => {
    const { engine, synth } = await ready(0);
    expect(engine.interject(engine.notesOf('s0'))).toBe(false);
    engine.play();
    await advance(0);
    expect(engine.notesOf('s1')).toEqual([]);
    expect(engine.interject(engine.notesOf('s1'))).toBe(false);
    await advance(1_000);
    expect(texts(synth).slice(0, 2)).toEqual(['Before one.', 'Before two.']);
  });
});

describe('a recorded note that cannot play', () => {
  it('is skipped with a report, and reading goes on with the sentence', async () => {
    vi.useRealTimers();
    const { NarrationEngine } = await import('../../../src/narration/engine.ts');
    const { NarrationError } = await import('../../../src/narration/types.ts');
    const read: string[] = [];
    const backend = {
      kind: 'recorded' as const,
      prepare: async () => undefined,
      readSentence: async (item: NarrationItem, _o: unknown, callbacks: { onStart(): void }) => {
        read.push(item.id);
        if (item.id === 'uncertain-u') throw new NarrationError('audio-failed', 'The notes recording could not be played.');
        callbacks.onStart();
      },
      pause: () => false,
      resume: () => false,
      cancel: () => undefined,
      dispose: () => undefined,
    };
    const engine = new NarrationEngine({ script: SCRIPT, backend, cast: {} as never, startIndex: 6 });
    const failed: string[] = [];
    engine.onAsideFailed((aside, error) => failed.push(`${aside.id}: ${error.message}`));
    await new Promise((r) => setTimeout(r, 0));
    engine.play();
    await new Promise((r) => setTimeout(r, 20));
    expect(read).toEqual(['uncertain-u', 'a0', 'a1']);
    expect(failed).toEqual(['uncertain-u: The notes recording could not be played.']);
    expect(engine.snapshot.status).toBe('ended');
  });
});
