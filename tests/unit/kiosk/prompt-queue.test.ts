// The kiosk's prompt queue and the narration hold: a new prompt cuts the last; prompts and the
// narration never sound together (the narration is held while any prompt speaks, with its place
// and status kept, and reads the same sentence again afterwards); a failed prompt is reported
// while the narration is still held, so the owner can say it again from another output.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PromptQueue, promptDeadlineMs, type PromptOutput } from '../../../src/kiosk/speech/prompt-queue.ts';
import type { Prompt } from '../../../src/kiosk/speech/prompt.ts';
import { createFakeUtterance } from '../narration/fake-speech.ts';
import { advance, harness, texts } from '../narration/helpers.ts';

const prompt = (text: string): Prompt => ({ segments: [{ kind: 'words', text, parts: [] }] });

/** An output whose prompts end when the test says so. */
function manualOutput() {
  const calls: Array<{ text: string; signal: AbortSignal; resolve: () => void; reject: (e: unknown) => void }> = [];
  const output: PromptOutput = {
    say: (p, signal) =>
      new Promise<void>((resolve, reject) => {
        const text = p.segments[0]!.kind === 'words' ? p.segments[0]!.text : '';
        calls.push({ text, signal, resolve, reject });
        signal.addEventListener('abort', () => resolve(), { once: true });
      }),
  };
  return { output, calls };
}

describe('PromptQueue', () => {
  it('cuts the prompt speaking, holds once and releases after the last prompt', async () => {
    const { output, calls } = manualOutput();
    const events: string[] = [];
    const queue = new PromptQueue({
      output: () => output,
      holdNarration: () => {
        events.push('hold');
        return () => events.push('release');
      },
      onSpeakingChange: (speaking) => events.push(speaking ? 'speaking' : 'silent'),
    });
    const first = queue.say(prompt('Play, button'));
    const second = queue.say(prompt('Stop, button'));
    expect(calls[0]!.signal.aborted).toBe(true); // cut
    expect(calls[1]!.signal.aborted).toBe(false);
    await first;
    expect(queue.speaking).toBe(true);
    expect(events).toEqual(['hold', 'speaking']);
    calls[1]!.resolve();
    await second;
    expect(queue.speaking).toBe(false);
    expect(events).toEqual(['hold', 'speaking', 'release', 'silent']);
  });

  it('cancel() silences and releases; an empty prompt says nothing', async () => {
    const { output, calls } = manualOutput();
    const release = vi.fn();
    const queue = new PromptQueue({ output: () => output, holdNarration: () => release });
    await queue.say({ segments: [] });
    expect(calls).toHaveLength(0);
    const saying = queue.say(prompt('Help, opens a dialog'));
    queue.cancel();
    await saying;
    expect(calls[0]!.signal.aborted).toBe(true);
    expect(release).toHaveBeenCalledTimes(1);
    expect(queue.speaking).toBe(false);
  });

  it('reports a failure (not a cut) while still holding, so the owner can say it again', async () => {
    const failing: PromptOutput = { say: () => Promise.reject(Object.assign(new Error('no voice'), { code: 'no-voices' })) };
    const { output: working, calls } = manualOutput();
    let current: PromptOutput = failing;
    const events: string[] = [];
    const queue: PromptQueue = new PromptQueue({
      output: () => current,
      holdNarration: () => {
        events.push('hold');
        return () => events.push('release');
      },
      onError: (error, p) => {
        events.push(`error ${(error as { code: string }).code}`);
        current = working;
        void queue.say(p);
      },
    });
    await queue.say(prompt('Welcome'));
    expect(events).toEqual(['hold', 'error no-voices']); // not released in between
    expect(calls.map((c) => c.text)).toEqual(['Welcome']);
    calls[0]!.resolve();
    await vi.waitFor(() => expect(events).toEqual(['hold', 'error no-voices', 'release']));
  });
});

describe('PromptQueue deadline', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('an output that never ends is given up after the deadline: the narration and the idle timer go on', async () => {
    // Never resolves, even when aborted (a voice that fires neither `end` nor `error`).
    const stuck: PromptOutput = { say: () => new Promise<void>(() => undefined) };
    const events: string[] = [];
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const queue = new PromptQueue({
      output: () => stuck,
      holdNarration: () => (events.push('hold'), () => events.push('release')),
      onSpeakingChange: (speaking) => events.push(speaking ? 'speaking' : 'silent'),
    });
    const said = queue.say(prompt('Paused.'));
    const deadline = promptDeadlineMs(prompt('Paused.'));
    expect(deadline).toBe(5000 + 'Paused.'.length * 150);
    await vi.advanceTimersByTimeAsync(deadline - 1);
    expect(queue.speaking).toBe(true);
    expect(events).toEqual(['hold', 'speaking']);
    await vi.advanceTimersByTimeAsync(1);
    await said;
    expect(queue.speaking).toBe(false);
    expect(events).toEqual(['hold', 'speaking', 'release', 'silent']);
    expect(warn).toHaveBeenCalledOnce();
    warn.mockRestore();
  });

  it('a prompt that ends in time clears its deadline (no late give-up)', async () => {
    const { output, calls } = manualOutput();
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const queue = new PromptQueue({ output: () => output });
    const said = queue.say(prompt('Play, button'));
    calls[0]!.resolve();
    await said;
    await vi.advanceTimersByTimeAsync(60_000);
    expect(warn).not.toHaveBeenCalled();
    expect(vi.getTimerCount()).toBe(0);
    warn.mockRestore();
  });

  it('a sentence of the edition gets a minute', () => {
    expect(promptDeadlineMs({ segments: [{ kind: 'sentence', id: 's-1', speaker: 'stalin' }] })).toBe(65_000);
  });
});

describe('NarrationEngine.hold with prompts (fake speech synthesis)', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('never sounds together with a prompt and reads the same sentence again afterwards', async () => {
    const { synth, engine } = harness();
    engine.play();
    await advance(150);
    expect(synth.current?.text).toBe('It was November.');
    // A prompt output on the same synthesizer: one utterance, resolved at its end.
    const output: PromptOutput = {
      say: (p, signal) =>
        new Promise<void>((resolve) => {
          const u = createFakeUtterance(p.segments[0]!.kind === 'words' ? p.segments[0]!.text : '');
          u.onend = () => resolve();
          u.onerror = () => resolve();
          signal.addEventListener('abort', () => synth.cancel(), { once: true });
          synth.speak(u);
        }),
    };
    const queue = new PromptQueue({ output: () => output, holdNarration: () => engine.hold() });
    const saying = queue.say(prompt('Next sentence, button'));
    expect(engine.snapshot.status).toBe('playing'); // the controls still show Pause
    expect(engine.held).toBe(true);
    await advance(30);
    expect(synth.current?.text).toBe('Next sentence, button');
    expect(synth.queueLength).toBe(1); // nothing of the narration queued behind it
    await advance(600); // three words at 100 ms, and the start
    await saying;
    expect(engine.held).toBe(false);
    await advance(30);
    expect(synth.current?.text).toBe('It was November.'); // same place, from its start
    const spoken = texts(synth);
    expect(spoken.slice(0, 3)).toEqual(['It was November.', 'Next sentence, button', 'It was November.']);
    expect(engine.snapshot.index).toBe(0);
  });

  it('commands during a hold change the place; their sound waits for the release', async () => {
    const { synth, engine } = harness();
    engine.play();
    await advance(150);
    const release = engine.hold();
    const before = synth.spoken.length;
    engine.next();
    await advance(500);
    expect(engine.snapshot).toMatchObject({ status: 'playing', index: 1 });
    expect(synth.spoken.length).toBe(before); // silent while held
    release();
    await advance(30);
    expect(synth.current?.text).toBe('Snow fell on the city.');
    release(); // twice: nothing more
    expect(engine.held).toBe(false);
  });

  it('a pause during a hold stays paused after the release', async () => {
    const { synth, engine } = harness();
    engine.play();
    await advance(150);
    const release = engine.hold();
    engine.pause();
    release();
    await advance(500);
    expect(engine.snapshot.status).toBe('paused');
    expect(synth.speaking).toBe(false);
    engine.play();
    await advance(30);
    expect(synth.current?.text).toBe('It was November.');
  });

  it('two holds: the narration waits for both', async () => {
    const { synth, engine } = harness();
    engine.play();
    await advance(150);
    const a = engine.hold();
    const b = engine.hold();
    a();
    await advance(200);
    expect(synth.speaking).toBe(false);
    b();
    await advance(30);
    expect(synth.speaking).toBe(true);
  });
});
