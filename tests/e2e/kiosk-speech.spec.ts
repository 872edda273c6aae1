// The kiosk's spoken help, driven with the keypad only (arrows, Enter, Escape, F1) in real
// Chromium: with a scripted speechSynthesis (asserting the utterances spoken, in order), with no
// speechSynthesis at all (asserting the recorded sprite's clips played, by spying on the Web
// Audio nodes, and the sentence clips, by spying on the media element), the idle warning heard,
// the touch-only visitor who hears nothing until Play, and axe in every dialog with speech on.
import { readFileSync } from 'node:fs';
import { test, expect, type Page } from '@playwright/test';
import { expectNoAxeViolations, waitForUpgrade } from './helpers.ts';

const FAKE_SPEECH = readFileSync('tests/e2e/support/fake-speech.js', 'utf8');
const SPRITE = JSON.parse(readFileSync('public/audio/interface.json', 'utf8')) as {
  phrases: Record<string, { start: number; duration: number }>;
};
const MANIFEST = JSON.parse(readFileSync('public/audio/manifest.json', 'utf8')) as {
  sentences: Record<string, { start: number; end: number }>;
};

/** Records what is heard: utterances (fake speech), Web Audio clip starts, media element starts. */
const SPY = () => {
  const w = window as unknown as { __clips: number[]; __media: number[]; __prompts: unknown[] };
  w.__clips = [];
  w.__media = [];
  w.__prompts = [];
  window.addEventListener('narrated-edition:prompt', (e) => w.__prompts.push((e as CustomEvent).detail));
  const start = AudioBufferSourceNode.prototype.start;
  AudioBufferSourceNode.prototype.start = function (this: AudioBufferSourceNode, when?: number, offset?: number, duration?: number) {
    if (typeof offset === 'number' && typeof duration === 'number') w.__clips.push(Math.round(offset * 1000));
    return start.call(this, when, offset, duration);
  } as typeof start;
  const play = HTMLMediaElement.prototype.play;
  HTMLMediaElement.prototype.play = function (this: HTMLMediaElement) {
    w.__media.push(Math.round(this.currentTime * 1000));
    return play.call(this);
  };
};

const NO_SPEECH = () => {
  Object.defineProperty(window, 'speechSynthesis', { value: undefined, configurable: true });
  delete (window as { SpeechSynthesisUtterance?: unknown }).SpeechSynthesisUtterance;
};

/** The sprite phrase whose clip starts at `ms`. */
const phraseAt = (ms: number) => Object.entries(SPRITE.phrases).find(([, c]) => Math.abs(c.start - ms) <= 2)?.[0] ?? `?${ms}`;
/** The sentence whose recording starts at `ms` (the clip backend seeks a little before). */
const sentenceAt = (ms: number) =>
  Object.entries(MANIFEST.sentences).find(([, s]) => ms >= s.start - 400 && ms <= s.start + 50)?.[0] ?? `?${ms}`;

const spoken = (page: Page) =>
  page.evaluate(() => (window as unknown as { __speech: { spoken: { text: string }[] } }).__speech.spoken.map((s) => s.text));
const clips = async (page: Page) => (await page.evaluate(() => (window as unknown as { __clips: number[] }).__clips)).map(phraseAt);
const media = async (page: Page) => (await page.evaluate(() => (window as unknown as { __media: number[] }).__media)).map(sentenceAt);

/** Opens the kiosk (`query` adds options); the attract screen shows. */
async function openKiosk(page: Page, { device = true, query = '' } = {}) {
  await page.addInitScript(SPY);
  await page.addInitScript(device ? { content: FAKE_SPEECH } : NO_SPEECH);
  await page.goto(`/?kiosk${query.includes('idle=') ? '' : '&idle=3600'}${query}`);
  await waitForUpgrade(page);
  await expect(page.locator('kiosk-attract dialog')).toBeVisible();
  await page.waitForFunction(() => document.querySelector('narrated-edition')?.hasAttribute('data-kiosk-ready'));
}

const promptCount = (page: Page) => page.evaluate(() => (window as unknown as { __prompts: unknown[] }).__prompts.length);

/** Presses a key, waits for the spoken help's answer to start and to finish. */
async function press(page: Page, key: string) {
  const before = await promptCount(page);
  await page.keyboard.press(key);
  await page.waitForFunction(
    (n) =>
      (window as unknown as { __prompts: unknown[] }).__prompts.length > n &&
      !document.querySelector('narrated-edition')!.hasAttribute('data-speaking'),
    before,
    { timeout: 30_000 },
  );
}

/** The prompts' words, in order, from the page's prompt events. */
const prompts = (page: Page) =>
  page.evaluate(() => (window as unknown as { __prompts: { text: string }[] }).__prompts.map((p) => p.text));

/** The keypad walk both voices take: welcome, bar, three sentences, Voices…, speed, Help. */
async function walk(page: Page) {
  await press(page, 'Enter'); // leaves the attract screen: welcome + the first control
  for (let i = 0; i < 8; i++) await press(page, 'ArrowUp'); // round the bar to Read the text
  await press(page, 'Enter'); // the first sentence of the text
  await press(page, 'ArrowDown');
  await press(page, 'ArrowDown');
  await press(page, 'Escape'); // back to Read the text
  await press(page, 'ArrowUp'); // Keyboard shortcuts
  await press(page, 'ArrowUp'); // Voices…
  await press(page, 'Enter'); // the Voices dialog
  await press(page, 'Escape');
  await press(page, 'ArrowUp'); // Copy link to this sentence
  await press(page, 'ArrowUp'); // Notes for this sentence (none on the first sentence: unavailable)
  await press(page, 'ArrowUp'); // Speed
  await press(page, 'ArrowRight'); // faster
  await press(page, 'F1'); // help for the controls
  await press(page, 'Escape');
}

const WELCOME =
  'Welcome. This kiosk reads a historical document aloud: Stalin’s conversation with Alexandra Kollontai, November 1939. Use the arrow keys to move, Enter to choose, Escape to go back, and the Help key for help.';
const HELP_BAR =
  'How to use this reader You are on the controls. Up and Down arrows: previous or next control. Enter: press the control. Help key: this help. To hear the text, choose Read the text, then move from sentence to sentence. Notes for this sentence, or the F2 key, reads the editor’s notes on the sentence being read, then reading goes on. Smaller text and Larger text change the text size; Quieter and Louder change the volume. When nobody uses the reader for a while, it asks whether you are still there, then goes back to the start and clears your settings and place.';

/** What the walk says, prompt by prompt (sentences as [id]). */
const walkPrompts = (ids: string[]) => [
  `${WELCOME} Reading settings, opens a dialog`,
  'Start again, opens a dialog',
  'Help, opens a dialog',
  'Spoken help, button, on',
  'Louder, button, unavailable, Volume 100%',
  'Quieter, button, Volume 100%',
  'Larger text, button, Text size 100%',
  'Smaller text, button, unavailable, Text size 100%',
  'Read the text, button',
  `Editor [${ids[0]}]`,
  `Compiler [${ids[1]}]`,
  `Compiler [${ids[2]}]`,
  'Read the text, button',
  'Keyboard shortcuts, opens a dialog',
  'Voices…, opens a dialog',
  'Voices Close, button',
  'Voices…, opens a dialog',
  'Copy link to this sentence, button',
  'Notes for this sentence, button, unavailable',
  'Speed, normal speed, slider',
  'Speed, 1.25 times speed',
  `${HELP_BAR} Close, button`,
  'Speed, 1.25 times speed, slider',
];

const textIds = (page: Page) => page.locator('.ne-text .ne-s').evaluateAll((els) => els.slice(0, 3).map((e) => e.getAttribute('id')!));

test.describe('keypad walk', () => {
  test.describe.configure({ timeout: 150_000 });

  test('with the device voice: every focus, sentence, value and dialog is spoken, in order', async ({ page }) => {
    await openKiosk(page);
    await walk(page);
    const ids = await textIds(page);
    expect(await prompts(page)).toEqual(walkPrompts(ids));
    // The utterances: interface words in one voice, sentences in their speakers' voices (lexicon applied).
    expect(await spoken(page)).toEqual([
      'Welcome. This kiosk reads a historical document aloud: Stalin’s conversation with Alexandra kollon tie, November 1939.',
      'Use the arrow keys to move, Enter to choose, Escape to go back, and the Help key for help.',
      'Reading settings, opens a dialog',
      'Start again, opens a dialog',
      'Help, opens a dialog',
      'Spoken help, button, on',
      'Louder, button, unavailable, Volume 100%',
      'Quieter, button, Volume 100%',
      'Larger text, button, Text size 100%',
      'Smaller text, button, unavailable, Text size 100%',
      'Read the text, button',
      'Editor',
      'Europe in 1938, 1939: the compiler’s introduction',
      'Compiler',
      'In March 1938, Fascist Germany unceremoniously occupied Austria; ahn shloose did not lead to any protest either from England or from France.',
      'Compiler',
      'Even the League of Nations did not react.',
      'Read the text, button',
      'Keyboard shortcuts, opens a dialog',
      'Voices…, opens a dialog',
      'Voices',
      'Close, button',
      'Voices…, opens a dialog',
      'Copy link to this sentence, button',
      'Notes for this sentence, button, unavailable',
      'Speed, normal speed, slider',
      'Speed, 1.25 times speed',
      'How to use this reader',
      HELP_BAR.replace('How to use this reader ', ''),
      'Close, button',
      'Speed, 1.25 times speed, slider',
    ]);
    // Sentences in their speakers' voices, the speaker's name in the prompt voice: not the same sound.
    const voices = await page.evaluate(() =>
      (window as unknown as { __speech: { spoken: { voice: string; pitch: number }[] } }).__speech.spoken.map((s) => `${s.voice} ${s.pitch}`),
    );
    expect(voices[12]).not.toBe(voices[11]); // "Editor" / the editor's heading
    expect(voices[14]).not.toBe(voices[13]); // "Compiler" / the compiler's sentence
    expect(await page.evaluate(() => (window as unknown as { __clips: number[] }).__clips.length)).toBe(0); // no sprite
  });

  test('with no device voice: the recorded phrases and sentence clips play, in order', async ({ page }) => {
    await openKiosk(page, { device: false, query: '&speech-rate=2' });
    await page.waitForFunction(() => document.querySelector('narrated-edition')?.getAttribute('data-speech-recording') === 'ready');
    await walk(page);
    const ids = await textIds(page);
    expect(await prompts(page)).toEqual(walkPrompts(ids));
    expect(await clips(page)).toEqual([
      'kiosk-welcome', 'kiosk-essentials', 'reading-settings', 'opens-a-dialog',
      'start-again', 'opens-a-dialog',
      'help', 'opens-a-dialog',
      'kiosk-spoken-help', 'button', 'on',
      'louder', 'button', 'unavailable', 'volume', 'num-1', 'num-hundred', 'percent',
      'quieter', 'button', 'volume', 'num-1', 'num-hundred', 'percent',
      'larger-text', 'button', 'text-size', 'num-1', 'num-hundred', 'percent',
      'smaller-text', 'button', 'unavailable', 'text-size', 'num-1', 'num-hundred', 'percent',
      'read-the-text', 'button',
      'speaker-editor',
      'speaker-compiler',
      'speaker-compiler',
      'read-the-text', 'button',
      'keyboard-shortcuts', 'opens-a-dialog',
      'voices', 'opens-a-dialog',
      'voices', 'close', 'button',
      'voices', 'opens-a-dialog',
      'copy-link-to-this-sentence', 'button',
      'notes-for-this-sentence', 'button', 'unavailable',
      'speed', 'normal', 'speed', 'slider',
      'speed', 'num-1', 'point', 'num-2', 'num-5', 'times', 'speed',
      'kiosk-help-title', 'kiosk-help-where-bar', 'kiosk-help-keys-bar', 'kiosk-help-read-text', 'kiosk-help-notes', 'kiosk-help-sizes', 'kiosk-help-idle',
      'close', 'button',
      'speed', 'num-1', 'point', 'num-2', 'num-5', 'times', 'speed', 'slider',
    ]);
    // The three sentences from the narration recording, each after its speaker's name.
    expect(await media(page)).toEqual(ids);
  });
});

test.describe('idle warning', () => {
  const IDLE = 30;

  /** Leaves the attract screen with a key (speech on) and lets the welcome finish. */
  async function startWithClock(page: Page, device: boolean) {
    await page.clock.install();
    await openKiosk(page, { device, query: `&idle=${IDLE}` });
    if (!device) await page.waitForFunction(() => document.querySelector('narrated-edition')?.getAttribute('data-speech-recording') === 'ready');
    await page.keyboard.press('Enter');
    await expect.poll(() => promptCount(page)).toBe(1);
    await run(page, 25_000); // the welcome, which holds the idle timer while it speaks
    await expect(page.locator('narrated-edition')).not.toHaveAttribute('data-speaking');
  }

  /** Runs the fake clock in small steps, so the page's promises settle between timers. */
  async function run(page: Page, ms: number) {
    for (let t = 0; t < ms; t += 250) await page.clock.runFor(250);
  }

  async function sitOut(page: Page) {
    const before = await promptCount(page);
    await run(page, (IDLE + 1) * 1000);
    await expect(page.getByRole('alertdialog', { name: 'Are you still there?' })).toBeVisible();
    await run(page, 31_000);
    await expect(page.locator('kiosk-attract dialog')).toBeVisible();
    return (await prompts(page)).slice(before);
  }

  const WARNING = [
    'Are you still there? The reader will go back to the start in 30 seconds and clear your settings and place. Touch the screen or press any key to keep reading. Continue, button',
    '20 seconds',
    '10 seconds',
    '5 seconds',
  ];

  test('is spoken with the device voice, with the countdown at 20, 10 and 5 seconds; the reset turns speech off', async ({ page }) => {
    await startWithClock(page, true);
    expect(await sitOut(page)).toEqual(WARNING);
    expect(await spoken(page)).toContain('Are you still there?');
    // After the reset a touch starts silently: speech mode was the last visitor's.
    const count = await promptCount(page);
    await page.mouse.click(300, 300);
    await expect(page.locator('kiosk-attract dialog')).toBeHidden();
    await page.clock.runFor(2000);
    expect(await promptCount(page)).toBe(count);
    await expect(page.getByRole('button', { name: 'Spoken help' })).toHaveAttribute('aria-pressed', 'false');
  });

  test('is heard from the recording when there is no device voice', async ({ page }) => {
    await startWithClock(page, false);
    const before = (await clips(page)).length;
    expect(await sitOut(page)).toEqual(WARNING);
    expect((await clips(page)).slice(before)).toEqual([
      'kiosk-idle-title', 'kiosk-idle-going-back', 'num-30', 'seconds', 'kiosk-idle-clears', 'kiosk-idle-answer', 'continue', 'button',
      'num-20', 'seconds',
      'num-10', 'seconds',
      'num-5', 'seconds',
    ]);
  });

  test('any key answers it and the visitor keeps their place and speech mode', async ({ page }) => {
    await startWithClock(page, true);
    await page.clock.runFor((IDLE + 1) * 1000);
    await expect(page.getByRole('alertdialog', { name: 'Are you still there?' })).toBeVisible();
    await page.keyboard.press('ArrowDown');
    await expect(page.getByRole('alertdialog', { name: 'Are you still there?' })).toBeHidden();
    await page.clock.runFor(3000);
    expect((await prompts(page)).at(-1)).toBe('Reading settings, opens a dialog'); // back where they were
  });
});

test.describe('turning it on and off', () => {
  test('a touch-only visitor hears nothing until Play, then only the narration', async ({ page }) => {
    await openKiosk(page);
    await page.mouse.click(300, 300); // touch leaves the attract screen
    await expect(page.locator('kiosk-attract dialog')).toBeHidden();
    await page.getByRole('button', { name: 'Larger text' }).click();
    await page.getByRole('button', { name: 'Quieter' }).click();
    await expect.poll(() => page.evaluate(() => (window as unknown as { __speech: { speakCalls: number } }).__speech.speakCalls)).toBe(0);
    await page.getByRole('button', { name: 'Play' }).click();
    await expect.poll(async () => (await spoken(page)).length).toBeGreaterThan(0);
    expect(await promptCount(page)).toBe(0);
    const first = await page.locator('.ne-s').first().getAttribute('id');
    await expect(page.locator('[aria-current="true"]')).toHaveAttribute('id', first!);
  });

  test('the Spoken help toggle turns it on and off by touch, and says so', async ({ page }) => {
    await openKiosk(page);
    await page.mouse.click(300, 300);
    const toggle = page.getByRole('button', { name: 'Spoken help' });
    await expect(toggle).toHaveAttribute('aria-pressed', 'false');
    const box = await toggle.boundingBox();
    expect(box!.width).toBeGreaterThanOrEqual(48);
    expect(box!.height).toBeGreaterThanOrEqual(48);
    await toggle.click();
    await expect(toggle).toHaveAttribute('aria-pressed', 'true');
    await expect.poll(() => prompts(page)).toEqual([
      'Spoken help is on. Use the arrow keys to move, Enter to choose, Escape to go back, and the Help key for help.',
    ]);
    await page.getByRole('button', { name: 'Quieter' }).click(); // focus moves: it is described, then the change
    await expect.poll(async () => (await prompts(page)).slice(1)).toEqual(['Quieter, button, Volume 100%', 'Quieter, Volume 90%']);
    await page.getByRole('button', { name: 'Louder' }).click();
    await expect
      .poll(async () => (await prompts(page)).slice(3))
      .toEqual(['Louder, button, Volume 90%', 'Louder, Volume 100%']);
    await toggle.click();
    await expect(toggle).toHaveAttribute('aria-pressed', 'false');
    await expect.poll(async () => (await prompts(page)).at(-1)).toBe('Spoken help is off.');
    const count = await promptCount(page);
    await page.getByRole('button', { name: 'Quieter' }).click();
    await expect(page.getByRole('group', { name: 'Volume' })).toContainText('Volume 90%');
    expect(await promptCount(page)).toBe(count);
  });

  test('prompts follow Quieter/Louder and the host’s speech-rate', async ({ page }) => {
    await openKiosk(page, { query: '&speech-rate=1.5' });
    await press(page, 'Enter');
    for (let i = 0; i < 5; i++) await press(page, 'ArrowUp'); // Start again, Help, Spoken help, Louder, Quieter
    await press(page, 'Enter'); // Quieter: volume 90 %
    await press(page, 'ArrowDown'); // Louder, button, Volume 90%
    const said = await page.evaluate(() =>
      (window as unknown as { __speech: { spoken: { text: string; rate: number; volume: number }[] } }).__speech.spoken,
    );
    expect(said[0]).toMatchObject({ rate: 1.5, volume: 1 });
    expect(said.find((u) => u.text === 'Quieter, Volume 90%')).toMatchObject({ rate: 1.5, volume: 0.9 });
    expect(said.at(-1)).toMatchObject({ text: 'Louder, button, Volume 90%', rate: 1.5, volume: 0.9 });
  });

  test('speech=off: a key press does not turn it on', async ({ page }) => {
    await openKiosk(page, { query: '&speech=off' });
    await page.keyboard.press('Enter');
    await page.keyboard.press('ArrowDown');
    await expect(page.getByRole('button', { name: 'Play' })).toBeFocused();
    await expect(page.getByRole('button', { name: 'Spoken help' })).toHaveAttribute('aria-pressed', 'false');
    expect(await promptCount(page)).toBe(0);
  });

  test('speech (forced on): a touch on the attract screen brings the welcome, and a reset keeps it on', async ({ page }) => {
    await openKiosk(page, { query: '&speech' });
    await expect(page.getByRole('button', { name: 'Spoken help', includeHidden: true })).toHaveAttribute('aria-pressed', 'true');
    await page.mouse.click(300, 300);
    await expect.poll(async () => (await prompts(page))[0]).toBe(`${WELCOME} Reading settings, opens a dialog`);
    await page.getByRole('button', { name: 'Start again' }).click();
    await page.getByRole('button', { name: 'Yes, start again' }).click();
    await expect(page.locator('kiosk-attract dialog')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Spoken help', includeHidden: true })).toHaveAttribute('aria-pressed', 'true');
  });

  test('narration and prompts never overlap: a prompt holds the narration, which goes on at the same sentence', async ({ page }) => {
    await openKiosk(page);
    await press(page, 'Enter');
    await press(page, 'ArrowDown'); // Play
    await page.keyboard.press('Enter'); // narration starts (no prompt: the narration speaks)
    await expect(page.locator('[aria-current="true"]')).toHaveCount(1);
    const reading = await page.locator('[aria-current="true"]').getAttribute('id');
    await press(page, 'ArrowDown'); // Stop, button — while narration plays
    type SpeechEvent = { type: string; text: string };
    const events = () =>
      page.evaluate(() =>
        (window as unknown as { __speech: { events: SpeechEvent[] } }).__speech.events.filter((e) => e.type !== 'error'),
      );
    // The narration reads on after the prompt…
    await expect
      .poll(async () => {
        const list = await events();
        const at = list.findIndex((e) => e.type === 'start' && e.text === 'Stop, button');
        return at >= 0 && list.slice(at + 2).some((e) => e.type === 'start');
      })
      .toBe(true);
    const list = await events();
    const at = list.findIndex((e) => e.type === 'start' && e.text === 'Stop, button');
    // …nothing else started between the prompt's start and its end…
    expect(list[at + 1]).toEqual(expect.objectContaining({ type: 'end', text: 'Stop, button' }));
    // …and it goes on with the utterance the prompt interrupted, from its start.
    const interrupted = list.slice(0, at).filter((e) => e.type === 'start').at(-1)!;
    expect(list[at + 2]).toEqual(expect.objectContaining({ type: 'start', text: interrupted.text }));
    await expect(page.locator('[aria-current="true"]')).toHaveAttribute('id', reading!);
    await expect(page.getByRole('button', { name: 'Pause' })).toHaveCount(1); // it never showed Play
  });
});

test('paused or stopped, Previous/Next say the new position; Pause, Stop and the place are said', async ({ page }) => {
  test.setTimeout(90_000);
  await openKiosk(page);
  const total = await page.locator('.ne-s').count();
  await press(page, 'Enter');
  await press(page, 'ArrowDown'); // Play, button
  await page.keyboard.press('Enter'); // the narration starts: nothing is said over it
  await expect(page.locator('[aria-current="true"]')).toHaveCount(1);
  await press(page, 'Enter'); // Pause
  const after = await promptCount(page);
  // Where it paused: the first sentence, or the second when the first had already ended (a loaded machine).
  const paused = await page.locator('.ne-s').evaluateAll((all) => all.findIndex((el) => el.getAttribute('aria-current') === 'true') + 1);
  expect(paused).toBeGreaterThan(0);
  await press(page, 'ArrowDown'); // Stop, button
  await press(page, 'ArrowDown'); // Previous sentence, button
  await press(page, 'ArrowDown'); // Next sentence, button
  await press(page, 'Enter'); // next, while paused
  await press(page, 'Enter');
  await press(page, 'ArrowUp'); // Previous sentence
  await press(page, 'Enter');
  await press(page, 'ArrowUp'); // Stop
  await press(page, 'Enter');
  // The speaker said is the narration's speaker of that sentence (from the public edition.json).
  const edition = JSON.parse(readFileSync(`${process.env.EDITION_OUT_DIR ?? 'dist'}/edition.json`, 'utf8')) as {
    speakers: Record<string, { name: string }>;
    sentences: { speaker: string }[];
  };
  const speakerOf = (n: number) => edition.speakers[edition.sentences[n - 1]!.speaker]!.name;
  const list = await prompts(page);
  expect(list[after - 1]).toBe('Paused.');
  const [next, nextAgain] = [paused + 1, paused + 2];
  expect(list.slice(after)).toEqual([
    'Stop, button',
    'Previous sentence, button',
    'Next sentence, button',
    `Sentence ${next} of ${total}, ${speakerOf(next)}`,
    `Sentence ${nextAgain} of ${total}, ${speakerOf(nextAgain)}`,
    'Previous sentence, button',
    `Sentence ${next} of ${total}, ${speakerOf(next)}`,
    'Stop, button',
    `Stopped. Sentence ${next} of ${total}, ${speakerOf(next)}`,
  ]);
});

test('in a dialog, a choice says its new state: a theme, a check box', async ({ page }) => {
  test.setTimeout(90_000);
  await openKiosk(page);
  await press(page, 'Enter'); // welcome, Reading settings
  await press(page, 'Enter'); // the dialog opens: its title, then the control that has focus
  expect((await prompts(page)).at(-1)).toMatch(/^Reading settings /);
  /** Moves down until the last prompt starts with `name`. */
  const moveTo = async (name: string) => {
    for (let i = 0; i < 40 && !(await prompts(page)).at(-1)!.startsWith(`${name},`); i++) await press(page, 'ArrowDown');
  };
  await moveTo('High contrast dark');
  expect((await prompts(page)).at(-1)).toBe('High contrast dark, radio button, not checked');
  await press(page, 'Enter');
  expect((await prompts(page)).at(-1)).toBe('High contrast dark, checked');
  await moveTo('Reading focus');
  expect((await prompts(page)).at(-1)).toBe('Reading focus, check box, not checked, Dim every paragraph except the one being read.');
  await press(page, 'Enter');
  expect((await prompts(page)).at(-1)).toBe('Reading focus, checked');
  await press(page, 'Escape'); // closed: back on Reading settings
  expect((await prompts(page)).at(-1)).toBe('Reading settings, opens a dialog');
});

test('a key pressed before the narration has loaded brings the welcome once, when it is ready', async ({ page }) => {
  // The edition's model arrives late (a slow kiosk start): the key press waits for it.
  await page.route('**/edition.json', async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await route.continue();
  });
  await page.addInitScript(SPY);
  await page.addInitScript({ content: FAKE_SPEECH });
  await page.goto('/?kiosk&idle=3600');
  await expect(page.locator('kiosk-attract dialog')).toBeVisible();
  await press(page, 'Enter');
  await page.waitForFunction(() => !document.querySelector('narrated-edition')!.hasAttribute('data-speaking'));
  expect(await prompts(page)).toEqual([`${WELCOME} Reading settings, opens a dialog`]);
});

test('the end of the text is said', async ({ page }) => {
  const sentences = (JSON.parse(readFileSync(`${process.env.EDITION_OUT_DIR ?? 'dist'}/edition.json`, 'utf8')) as { sentences: { id: string }[] }).sentences;
  const last = sentences.at(-1)!.id;
  await openKiosk(page, { query: `#${last}` }); // a deep link: Play starts at the last sentence
  await press(page, 'Enter');
  await press(page, 'ArrowDown'); // Play
  await page.keyboard.press('Enter');
  await expect(page.locator('[aria-current="true"]')).toHaveAttribute('id', last!);
  await expect.poll(async () => (await prompts(page)).at(-1), { timeout: 20_000 }).toBe('End of the text.');
});

test.describe('faults', () => {
  test('a failing device voice hands the prompt to the recording, which says it again in full', async ({ page }) => {
    await openKiosk(page);
    await page.waitForFunction(() => document.querySelector('narrated-edition')?.getAttribute('data-speech-recording') === 'ready');
    await page.evaluate(() => {
      // The scripted voice fails on this prompt, like a synthesizer error.
      (window as unknown as { __speech: { config: { failText: string } } }).__speech.config.failText = 'Reading settings';
    });
    await press(page, 'Enter');
    // The welcome was spoken by the device voice; the failed part came again from the sprite, whole.
    expect((await spoken(page)).slice(0, 3)).toEqual([
      'Welcome. This kiosk reads a historical document aloud: Stalin’s conversation with Alexandra kollon tie, November 1939.',
      'Use the arrow keys to move, Enter to choose, Escape to go back, and the Help key for help.',
      'Reading settings, opens a dialog',
    ]);
    expect(await clips(page)).toEqual(['kiosk-welcome', 'kiosk-essentials', 'reading-settings', 'opens-a-dialog']);
    // From then on the recording speaks.
    await press(page, 'ArrowDown');
    expect((await clips(page)).slice(4)).toEqual(['play', 'button']);
    expect((await page.evaluate(() => (window as unknown as { __prompts: { source: string }[] }).__prompts.map((p) => p.source)))).toEqual([
      'device',
      'sprite',
      'sprite',
    ]);
  });

  test('no device voice and no recording: a visible notice, and the kiosk still works', async ({ page }) => {
    await page.route('**/audio/interface.json', (route) => route.fulfill({ status: 404, body: 'missing' }));
    await openKiosk(page, { device: false });
    await page.keyboard.press('Enter');
    await expect(page.getByText('Spoken help is not available on this kiosk. The text is still here to read.')).toBeVisible();
    await page.getByRole('button', { name: 'Play' }).click();
    await expect(page.locator('[aria-current="true"]')).toHaveCount(1);
  });

  test('an outdated recording is refused (wrong words are worse than none)', async ({ page }) => {
    await page.route('**/audio/interface.json', async (route) => {
      const body = JSON.parse(readFileSync('public/audio/interface.json', 'utf8'));
      body.phrases.play.hash = '0000000000000000';
      await route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(body) });
    });
    const errors: string[] = [];
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    await openKiosk(page, { device: false });
    await expect(page.locator('narrated-edition')).toHaveAttribute('data-speech-recording', 'failed');
    await expect(page.getByText('Spoken help is not available on this kiosk.', { exact: false })).toBeVisible();
    expect(errors.join('\n')).toContain('outdated clip for "play"');
  });

  test('bad JSON in the sprite map: a clear error, the kiosk stays usable', async ({ page }) => {
    await page.route('**/audio/interface.json', (route) => route.fulfill({ status: 200, contentType: 'application/json', body: '{"version": 1,' }));
    const errors: string[] = [];
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    await openKiosk(page, { device: false });
    await expect(page.locator('narrated-edition')).toHaveAttribute('data-speech-recording', 'failed');
    expect(errors.join('\n')).toContain('interface.json) cannot be used: it is not valid JSON');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('button', { name: 'Reading settings' })).toBeFocused();
  });
});

test('axe: no violations with spoken help on, in the bar and in every dialog', async ({ page }) => {
  test.setTimeout(120_000);
  await openKiosk(page, { query: '&speech' });
  await page.keyboard.press('Enter');
  await expectNoAxeViolations(page, 'kiosk speech mode: bar');
  await page.keyboard.press('Enter'); // Reading settings
  await expect(page.getByRole('dialog', { name: 'Reading settings' })).toBeVisible();
  await expectNoAxeViolations(page, 'kiosk speech mode: reading settings');
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'Voices…' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('dialog', { name: 'Voices' })).toBeVisible();
  await expectNoAxeViolations(page, 'kiosk speech mode: voices');
  await page.keyboard.press('Escape');
  await page.keyboard.press('F1');
  await expect(page.getByRole('dialog', { name: 'How to use this reader' })).toBeVisible();
  await expectNoAxeViolations(page, 'kiosk speech mode: help');
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'Start again' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('dialog', { name: 'Start again from the beginning?' })).toBeVisible();
  await expectNoAxeViolations(page, 'kiosk speech mode: start again');
});
