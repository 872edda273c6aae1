/**
 * Vite plugin that turns the annotated source into the page: it parses the content file at build
 * (and dev) time — a malformed annotation fails the build with `file:line: message` — fills the
 * HTML template with the static text, inlines the tiny script that applies stored reading settings
 * before first paint, and emits `edition.json` (the public document model).
 */
import { resolve } from 'node:path';
import { build, type HtmlTagDescriptor, type Plugin } from 'vite';
import { loadEdition } from '../content/load.ts';
import { renderEditionHtml } from '../content/render-html.ts';
import type { Edition } from '../content/model.ts';

/** Options for {@link editionPlugin}. */
export interface EditionPluginOptions {
  /** Path of the annotated source, relative to the project root. */
  source: string;
  /** Module that applies stored settings early; bundled to an inline IIFE. */
  earlyScript: string;
}

const MARKERS = {
  title: '<!-- edition:title -->',
  masthead: '<!-- edition:masthead -->',
  main: '<!-- edition:main -->',
  early: '<!-- edition:early-settings -->',
} as const;

/** Builds the edition from the annotated source and injects it into `index.html`. */
export function editionPlugin(options: EditionPluginOptions): Plugin {
  let root = process.cwd();
  let earlyScriptCode: string | undefined;
  const sourcePath = () => resolve(root, options.source);
  const load = (): Edition => loadEdition(sourcePath(), options.source);

  return {
    name: 'narrated-edition:content',
    configResolved(config) {
      root = config.root;
    },
    buildStart() {
      this.addWatchFile(sourcePath());
      load(); // fail fast, with file:line, before anything else is built
    },
    configureServer(server) {
      server.watcher.add(sourcePath());
      server.watcher.on('change', (file) => {
        if (file === sourcePath()) server.ws.send({ type: 'full-reload' });
      });
      server.middlewares.use('/edition.json', (_req, res) => {
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify(load()));
      });
    },
    async transformIndexHtml(html) {
      const rendered = renderEditionHtml(load());
      earlyScriptCode ??= await bundleInline(resolve(root, options.earlyScript));
      for (const marker of Object.values(MARKERS)) {
        if (!html.includes(marker)) throw new Error(`index.html: missing marker ${marker}`);
      }
      return html
        .replace(MARKERS.title, () => rendered.documentTitle)
        .replace(MARKERS.masthead, () => rendered.masthead)
        .replace(MARKERS.main, () => rendered.main)
        .replace(MARKERS.early, () => `<script>${earlyScriptCode}</script>`);
    },
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: 'edition.json', source: JSON.stringify(load(), null, 1) });
    },
  };
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

/** Bundles one module to a minified IIFE string, for inlining in the HTML head. */
async function bundleInline(entry: string): Promise<string> {
  const output = await build({
    configFile: false,
    logLevel: 'silent',
    build: {
      write: false,
      minify: true,
      lib: { entry, formats: ['iife'], name: 'neEarlySettings' },
    },
  });
  const [result] = Array.isArray(output) ? output : [output];
  if (!('output' in result)) throw new Error('early settings script: unexpected build result');
  return result.output[0].code.trim();
}
