/**
 * Vite plugin that turns the annotated source into the page: it parses the content file at build
 * (and dev) time — a malformed annotation fails the build with `file:line: message` — fills the
 * HTML template with the static text, inlines the tiny script that applies stored reading settings
 * before first paint (`csp-ready-html.ts` then moves it into a file), and emits `edition.json` (the
 * public document model) and, when the recorded narration exists, `narration.vtt` (a timed
 * transcript with voice tags, from its manifest). The edition is stamped with a version,
 * `<package.json version>+<build date YYYYMMDD>` (UTC; `SOURCE_DATE_EPOCH` when set, for
 * reproducible builds), shown in the source note and the citation and kept in `edition.json`.
 * With `interfaceSprite` set, the build also fails when the kiosk's recorded spoken help
 * (`public/audio/interface.json`) lacks a phrase or holds an outdated one, naming each.
 * With the recorded narration, the build also writes the EPUB 3 talking book (`edition.epub`).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { build, type HtmlTagDescriptor, type Plugin } from 'vite';
import { glossaryPathOf, loadEdition } from '../content/load.ts';
import { renderEditionHtml, type NarrationDownloads } from '../content/render-html.ts';
import { describeSize, EPUB_FILE, epubBytes } from './epub-writer.ts';
import type { Edition, SpeakerId } from '../content/model.ts';
import { editionPhrases } from '../kiosk/speech/phrases.ts';
import { lexiconVersion, type AudioManifest } from '../narration/audio-manifest.ts';
import { defaultLexicon } from '../narration/lexicon.ts';
import { manifestToWebVtt } from '../narration/webvtt.ts';
import { interfaceSpriteError, interfaceSpriteProblems, interfaceVoice } from './interface-sprite-check.ts';

/** Options for {@link editionPlugin}. */
export interface EditionPluginOptions {
  /** Path of the annotated source, relative to the project root. */
  source: string;
  /** Module that applies stored settings early; bundled to an inline IIFE. */
  earlyScript: string;
  /** The recorded narration's manifest, relative to the project root (optional). */
  audioManifest?: string;
  /** The embed element's module; bundled to `embed.js` (a classic script other sites can load). */
  embedScript?: string;
  /**
   * The kiosk's interface sprite map (`public/audio/interface.json`), relative to the project root.
   * When set, `vite build` fails if it is missing or lacks/outdates a phrase of the edition's
   * catalogue (a dev server only warns).
   */
  interfaceSprite?: string;
  /**
   * `audio-scripts/voices.json`, relative to the root: its `interface` entry is the voice the
   * sprite must be rendered with. Without it, the voice the map records is trusted.
   */
  interfaceVoices?: string;
  /**
   * `package.json`, relative to the root: its `version` starts the edition's version stamp.
   * Default `package.json`; without the file the edition carries no stamp.
   */
  packageJson?: string;
}

const TRANSCRIPT_FILE = 'narration.vtt';

const MARKERS = {
  title: '<!-- edition:title -->',
  masthead: '<!-- edition:masthead -->',
  main: '<!-- edition:main -->',
  early: '<!-- edition:early-settings -->',
} as const;

/** Builds the edition from the annotated source and injects it into `index.html`. */
export function editionPlugin(options: EditionPluginOptions): Plugin {
  let root = process.cwd();
  let outDir = resolve(root, 'dist');
  let command: 'build' | 'serve' = 'build';
  let earlyScriptCode: string | undefined;
  let version: string | undefined;
  let pageUrl: string | undefined;
  const sourcePath = () => resolve(root, options.source);
  const load = (): Edition => ({ ...loadEdition(sourcePath(), options.source), ...(version ? { version } : {}) });
  const manifestPath = () => (options.audioManifest ? resolve(root, options.audioManifest) : null);
  const loadManifest = (): AudioManifest | null => {
    const path = manifestPath();
    return path && existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as AudioManifest) : null;
  };
  const transcript = (edition: Edition, manifest: AudioManifest): string =>
    manifestToWebVtt(
      manifest,
      edition.sentences,
      Object.fromEntries(Object.values(edition.speakers).map((s) => [s.id, s.name])) as Record<SpeakerId, string>,
      { title: `${edition.title} ${edition.dateline}`, credits: [narrationCredit(manifest)] },
    );
  let epubCache: Uint8Array | null | undefined;
  /** The talking book's bytes (built once per build), or null when serving or without the recording. */
  const epub = (): Uint8Array | null => {
    if (command !== 'build') return null;
    if (epubCache !== undefined) return epubCache;
    const manifest = loadManifest();
    const mp3 = manifest ? resolve(dirname(manifestPath()!), manifest.files.mp3) : null;
    epubCache =
      manifest && mp3 && existsSync(mp3)
        ? epubBytes({ edition: load(), manifest, audio: readFileSync(mp3), voices: voiceCredits(manifest), modified: buildDate() })
        : null;
    return epubCache;
  };
  const downloads = (manifest: AudioManifest | null): NarrationDownloads | undefined => {
    if (!manifest) return undefined;
    const book = epub();
    return {
      mp3: `audio/${manifest.files.mp3}`,
      transcript: TRANSCRIPT_FILE,
      ...(manifest.recording
        ? { narrator: manifest.recording.narrator, voices: manifest.asides ? asidesVoiceCredit(manifest) : '' }
        : { voices: voiceCredits(manifest) }),
      ...(book ? { epub: { href: EPUB_FILE, size: describeSize(book.byteLength) } } : {}),
    };
  };
  /** What is wrong with the interface sprite (the error message), or null when it is current. */
  const interfaceSpriteMessage = (edition: Edition, spritePath: string): string | null => {
    const lexicon = defaultLexicon();
    const problems = interfaceSpriteProblems({
      json: existsSync(spritePath) ? readFileSync(spritePath, 'utf8') : null,
      phrases: editionPhrases(Object.fromEntries(Object.values(edition.speakers).map((s) => [s.id, s.name]))),
      spoken: (text) => lexicon.toSpoken(text),
      lexiconVersion: lexiconVersion(lexicon.data),
      voice: options.interfaceVoices
        ? interfaceVoice(readFileSync(resolve(root, options.interfaceVoices), 'utf8'), options.interfaceVoices)
        : undefined,
      fileExists: (name) => existsSync(resolve(dirname(spritePath), name)),
    });
    return problems.length ? interfaceSpriteError(options.interfaceSprite ?? spritePath, problems) : null;
  };

  return {
    name: 'narrated-edition:content',
    configResolved(config) {
      root = config.root;
      outDir = resolve(config.root, config.build.outDir);
      command = config.command;
      const packagePath = resolve(root, options.packageJson ?? 'package.json');
      const packageVersion = existsSync(packagePath)
        ? (JSON.parse(readFileSync(packagePath, 'utf8')) as { version?: unknown }).version
        : undefined;
      version = typeof packageVersion === 'string' ? editionVersion(packageVersion, buildDate()) : undefined;
      // An absolute base (EDITION_BASE=https://…) is where the edition lives: the citation's address without JavaScript.
      pageUrl = /^https?:\/\//.test(config.base) ? config.base : undefined;
    },
    buildStart() {
      epubCache = undefined;
      this.addWatchFile(sourcePath());
      this.addWatchFile(glossaryPathOf(sourcePath()));
      const edition = load(); // fail fast, with file:line, before anything else is built
      if (options.interfaceSprite) {
        const spritePath = resolve(root, options.interfaceSprite);
        this.addWatchFile(spritePath);
        if (options.interfaceVoices) this.addWatchFile(resolve(root, options.interfaceVoices));
        const message = interfaceSpriteMessage(edition, spritePath);
        // A stale recording must not ship; while developing, the page still works without it.
        if (message && command === 'build') this.error(message);
        else if (message) this.warn(message);
      }
    },
    configureServer(server) {
      server.watcher.add([sourcePath(), glossaryPathOf(sourcePath())]);
      server.watcher.on('change', (file) => {
        if (file === sourcePath() || file === glossaryPathOf(sourcePath())) server.ws.send({ type: 'full-reload' });
      });
      server.middlewares.use('/edition.json', (_req, res) => {
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify(load()));
      });
      server.middlewares.use(`/${TRANSCRIPT_FILE}`, (_req, res, next) => {
        const manifest = loadManifest();
        if (!manifest) return next();
        res.setHeader('content-type', 'text/vtt; charset=utf-8');
        res.end(transcript(load(), manifest));
      });
    },
    async transformIndexHtml(html) {
      const rendered = renderEditionHtml(load(), { downloads: downloads(loadManifest()), pageUrl });
      earlyScriptCode ??= await bundleInline(resolve(root, options.earlyScript));
      for (const marker of Object.values(MARKERS)) {
        if (!html.includes(marker)) throw new Error(`index.html: missing marker ${marker}`);
      }
      return html
        .replace(MARKERS.title, () => rendered.documentTitle)
        .replace(MARKERS.masthead, () => rendered.masthead)
        .replace(MARKERS.main, () => rendered.main)
        .replace(MARKERS.early, () => `<script id="ne-early-settings">${earlyScriptCode}</script>`);
    },
    generateBundle() {
      const edition = load();
      this.emitFile({ type: 'asset', fileName: 'edition.json', source: JSON.stringify(edition, null, 1) });
      const manifest = loadManifest();
      if (manifest) this.emitFile({ type: 'asset', fileName: TRANSCRIPT_FILE, source: transcript(edition, manifest) });
      const book = epub();
      if (book) this.emitFile({ type: 'asset', fileName: EPUB_FILE, source: book });
    },
    async closeBundle() {
      // A classic script at a stable URL (no hash), so another site's one <script> tag keeps working.
      // After a failed build there is no output folder: let the real error show, not this one.
      if (!options.embedScript || this.meta.watchMode || !existsSync(outDir)) return;
      const code = await bundleInline(resolve(root, options.embedScript), 'narratedEditionEmbed');
      const { writeFileSync } = await import('node:fs');
      writeFileSync(resolve(outDir, 'embed.js'), `${code}\n`);
    },
  };
}

/**
 * The edition's version stamp: `<package version>+<YYYYMMDD>`, the build date in UTC
 * (semver build metadata), e.g. `0.1.0+20261130`.
 */
export function editionVersion(packageVersion: string, built: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${packageVersion}+${built.getUTCFullYear()}${pad(built.getUTCMonth() + 1)}${pad(built.getUTCDate())}`;
}

/**
 * When this build happens: `SOURCE_DATE_EPOCH` (seconds since 1970, the reproducible-builds
 * convention) when it is set to a number, else now.
 */
export function buildDate(env: Record<string, string | undefined> = process.env, now = () => new Date()): Date {
  const epoch = env.SOURCE_DATE_EPOCH?.trim();
  return epoch && /^\d+$/.test(epoch) ? new Date(Number(epoch) * 1000) : now();
}

/** "flite (rms, awb, slt), festival (…)": the offline engines and voices the recording used. */
export function voiceCredits(manifest: AudioManifest): string {
  const byEngine = new Map<string, Set<string>>();
  for (const { engine, voice } of Object.values(manifest.voices)) {
    const name = voice.replace(/^voice_/, '').replace(/_(hts|diphone)$/, '');
    byEngine.set(engine, (byEngine.get(engine) ?? new Set()).add(name));
  }
  return [...byEngine].map(([engine, voices]) => `${engine} (${[...voices].join(', ')})`).join(', ');
}

/** The editor's synthetic voice, which reads the asides (also beside a narrator's recording). */
export function asidesVoiceCredit(manifest: AudioManifest): string {
  return voiceCredits({ ...manifest, voices: { editor: manifest.voices.editor } as AudioManifest['voices'] });
}

/**
 * Who reads the recorded narration, for a credits line: "Narrated by <Name>" for a human narrator's
 * recording (`manifest.recording`), else "Synthetic voices: flite (…), …".
 */
export function narrationCredit(manifest: AudioManifest): string {
  return manifest.recording ? `Narrated by ${manifest.recording.narrator}` : `Synthetic voices: ${voiceCredits(manifest)}`;
}

/**
 * Preloads the default reading font's files (regular and bold) in the built page, so the first
 * render does not swap fonts and shift the text.
 */
export function preloadFontsPlugin(pattern: RegExp): Plugin {
  let base = '/';
  return {
    name: 'narrated-edition:preload-fonts',
    apply: 'build',
    configResolved(config) {
      base = config.base;
    },
    transformIndexHtml: {
      order: 'post',
      handler(_html, ctx) {
        const files = Object.keys(ctx.bundle ?? {}).filter((name) => pattern.test(name));
        return files.map(
          (file): HtmlTagDescriptor => ({
            tag: 'link',
            attrs: { rel: 'preload', as: 'font', type: 'font/woff2', href: `${base}${file}`, crossorigin: '' },
            injectTo: 'head-prepend',
          }),
        );
      },
    },
  };
}

/**
 * Bundles one module to a minified classic script (IIFE), for inlining in the HTML head or as
 * `embed.js`. ES2017 syntax, so older kiosk browsers run it too.
 */
async function bundleInline(entry: string, name = 'neEarlySettings'): Promise<string> {
  const output = await build({
    configFile: false,
    logLevel: 'silent',
    build: {
      write: false,
      minify: true,
      target: 'es2017',
      lib: { entry, formats: ['iife'], name },
    },
  });
  const [result] = Array.isArray(output) ? output : [output];
  if (!('output' in result)) throw new Error('early settings script: unexpected build result');
  return result.output[0].code.trim();
}
