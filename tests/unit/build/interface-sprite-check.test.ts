// The interface sprite check: the committed public/audio/interface.json is current for the
// committed phrase catalogue, voice and lexicon (else: run npm run audio), and a map that lacks a
// phrase, holds an outdated one, or was made with another voice or lexicon is refused with every
// phrase named by id and text — by the pure check and by the build itself.
import { existsSync, mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'vite';
import { describe, expect, it } from 'vitest';
import { editionPlugin } from '../../../src/build/edition-plugin.ts';
import {
  interfaceSpriteError,
  interfaceSpriteProblems,
  interfaceVoice,
  type InterfaceSpriteInput,
} from '../../../src/build/interface-sprite-check.ts';
import { loadEdition } from '../../../src/content/load.ts';
import { editionPhrases, type Phrase } from '../../../src/kiosk/speech/phrases.ts';
import type { InterfaceSprite } from '../../../src/kiosk/speech/sprite-map.ts';
import { lexiconVersion } from '../../../src/narration/audio-manifest.ts';
import { defaultLexicon } from '../../../src/narration/lexicon.ts';

const SOURCE = 'src/content/source/kollontai-1939.edition.md';
const MAP = 'public/audio/interface.json';
const VOICES = 'audio-scripts/voices.json';

const edition = loadEdition(SOURCE);
const phrases = editionPhrases(Object.fromEntries(Object.values(edition.speakers).map((s) => [s.id, s.name])));
const lexicon = defaultLexicon();
const committed = readFileSync(MAP, 'utf8');
const voice = interfaceVoice(readFileSync(VOICES, 'utf8'));

/** The check's input for `json`, with the committed catalogue, voice and lexicon. */
const input = (json: string | null, overrides: Partial<InterfaceSpriteInput> = {}): InterfaceSpriteInput => ({
  json,
  phrases,
  spoken: (text) => lexicon.toSpoken(text),
  lexiconVersion: lexiconVersion(lexicon.data),
  voice,
  ...overrides,
});

/** The committed map, changed by `edit`, as JSON text. */
function edited(edit: (sprite: InterfaceSprite) => void): string {
  const sprite = JSON.parse(committed) as InterfaceSprite;
  edit(sprite);
  return JSON.stringify(sprite);
}

const phrase = (id: string): Phrase => {
  const found = phrases.find((p) => p.id === id);
  if (!found) throw new Error(`no phrase ${id} in the catalogue`);
  return found;
};

describe('the committed interface sprite (public/audio/interface.json)', () => {
  it('has a current clip for every phrase of the catalogue (else run npm run audio)', () => {
    const problems = interfaceSpriteProblems(input(committed, { fileExists: (name) => existsSync(join('public/audio', name)) }));
    expect(problems).toEqual([]);
  });

  it('was rendered with the prompt voice of voices.json and the current lexicon', () => {
    const sprite = JSON.parse(committed) as InterfaceSprite;
    expect(sprite.voice).toEqual(voice);
    expect(sprite.lexiconVersion).toBe(lexiconVersion(lexicon.data));
    expect(Object.keys(sprite.phrases)).toEqual(phrases.map((p) => p.id));
  });
});

describe('interfaceSpriteProblems', () => {
  const welcome = phrase('kiosk-welcome');
  const play = phrase('play');

  it('names a phrase that has no clip, by id and text', () => {
    const problems = interfaceSpriteProblems(input(edited((s) => delete s.phrases[play.id])));
    expect(problems).toEqual([`no clip for play "Play"`]);
  });

  it('names a phrase whose clip is outdated (hash changed), by id and text', () => {
    const problems = interfaceSpriteProblems(input(edited((s) => (s.phrases[welcome.id]!.hash = '0000000000000000'))));
    expect(problems).toEqual([`outdated clip for kiosk-welcome ${JSON.stringify(welcome.text)}`]);
  });

  it('names a phrase whose text changed since the render', () => {
    const changed = phrases.map((p) => (p.id === play.id ? { ...p, text: 'Play aloud' } : p));
    expect(interfaceSpriteProblems(input(committed, { phrases: changed }))).toEqual(['outdated clip for play "Play aloud"']);
  });

  it('says when the lexicon or the prompt voice changed (every phrase is then outdated)', () => {
    const lex = interfaceSpriteProblems(input(committed, { lexiconVersion: 'ffffffffffffffff' }));
    expect(lex[0]).toMatch(/lexicon .* the lexicon is now ffffffffffffffff/u);
    expect(lex).toHaveLength(1 + phrases.length);
    const other = interfaceSpriteProblems(input(committed, { voice: { engine: 'espeak-ng', voice: 'en-gb', tempo: 1 } }));
    expect(other[0]).toBe('it was rendered with the voice espeak-ng/en-us, the prompt voice is now espeak-ng/en-gb');
    expect(other).toContain(`outdated clip for play "Play"`);
  });

  it('refuses a missing file, a broken map and absent audio files', () => {
    expect(interfaceSpriteProblems(input(null))).toEqual(['the file does not exist']);
    expect(interfaceSpriteProblems(input('{'))[0]).toMatch(/not valid JSON/u);
    expect(interfaceSpriteProblems(input(committed, { fileExists: (name) => name.endsWith('.mp3') }))).toEqual([
      'the audio file interface.webm does not exist',
    ]);
  });

  it('ignores clips nobody uses', () => {
    const extra = edited((s) => (s.phrases['old-button'] = { start: 0, duration: 10, hash: 'x' }));
    expect(interfaceSpriteProblems(input(extra))).toEqual([]);
  });
});

describe('interfaceSpriteError', () => {
  it('names the file, each problem, and says to run npm run audio', () => {
    const message = interfaceSpriteError(MAP, ['no clip for play "Play"', 'outdated clip for pause "Pause"']);
    expect(message).toContain(MAP);
    expect(message).toContain('npm run audio');
    expect(message).toContain('\n  - no clip for play "Play"\n  - outdated clip for pause "Pause"');
  });
});

describe('interfaceVoice', () => {
  it('reads the "interface" entry of voices.json', () => {
    expect(voice).toEqual({ engine: 'espeak-ng', voice: 'en-us', tempo: 1 });
  });

  it('refuses a voices.json without a usable "interface" entry', () => {
    expect(() => interfaceVoice('{"narrator": {"engine": "flite", "voice": "rms"}}')).toThrow(/"interface" needs/u);
    expect(() => interfaceVoice('{"interface": {"engine": "say", "voice": "x"}}', 'v.json')).toThrow(/^v\.json: /u);
    expect(() => interfaceVoice('nope')).toThrow(/not valid JSON/u);
  });
});

describe('the build', () => {
  /** Builds a throwaway project with the edition and `map` as its interface sprite (null: none). */
  async function buildWith(map: string | null): Promise<void> {
    const root = mkdtempSync(join(tmpdir(), 'ne-sprite-'));
    mkdirSync(join(root, 'content'));
    mkdirSync(join(root, 'audio'));
    writeFileSync(join(root, 'content', 'text.edition.md'), readFileSync(SOURCE, 'utf8'));
    writeFileSync(join(root, 'voices.json'), readFileSync(VOICES, 'utf8'));
    if (map !== null) writeFileSync(join(root, 'audio', 'interface.json'), map);
    for (const file of ['interface.webm', 'interface.mp3']) writeFileSync(join(root, 'audio', file), '');
    writeFileSync(join(root, 'early.ts'), 'export {};\n');
    writeFileSync(
      join(root, 'index.html'),
      readFileSync('index.html', 'utf8')
        .replace(/<script type="module"[^>]*><\/script>/u, '')
        .replace(/<link rel="stylesheet"[^>]*>/u, ''),
    );
    await build({
      root,
      configFile: false,
      logLevel: 'silent',
      plugins: [
        editionPlugin({
          source: 'content/text.edition.md',
          earlyScript: 'early.ts',
          interfaceSprite: 'audio/interface.json',
          interfaceVoices: 'voices.json',
        }),
      ],
      build: { outDir: join(root, 'dist') },
    });
  }

  it('fails naming the phrase when the sprite lacks one, and when the map is missing', async () => {
    const withoutPlay = edited((s) => delete s.phrases.play);
    await expect(buildWith(withoutPlay)).rejects.toThrow(/audio\/interface\.json: .*npm run audio[\s\S]*no clip for play "Play"/u);
    await expect(buildWith(null)).rejects.toThrow(/audio\/interface\.json: [\s\S]*the file does not exist/u);
  }, 30_000);

  it('passes with the committed map', async () => {
    await expect(buildWith(committed)).resolves.toBeUndefined();
  }, 30_000);
});
