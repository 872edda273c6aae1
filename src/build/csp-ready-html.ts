/**
 * Vite plugin that makes the built page run under `script-src 'self'`: every inline `<script>` in
 * the emitted HTML (the early-settings script, @vitejs/plugin-legacy's loaders) moves into a file
 * under `assets/` named by its content hash, and every `import 'data:text/javascript,…'` (the
 * legacy plugin's modern-browser check, in the HTML and in modern entry chunks) becomes an import
 * of an emitted file with the same code. Order, attributes and blocking stay as they were: a
 * classic script in the head still runs before first paint. The legacy entry's inline copy of the
 * page's (already linked) CSS is dropped, so a strict `style-src` has nothing to block either.
 */
import { createHash } from 'node:crypto';
import { posix } from 'node:path';
import type { Plugin } from 'vite';

/** A script file to emit: its path in the output folder and its code. */
export interface ScriptFile {
  fileName: string;
  code: string;
}

/** Script types a browser runs (anything else, e.g. JSON data blocks, stays inline). */
const RUNNABLE_TYPES = new Set(['', 'module', 'text/javascript', 'application/javascript']);

const SCRIPT_RE = /<script\b([^>]*)>([\s\S]*?)<\/script>/gi;
/** A static `import '…'` of a `data:` JavaScript module, with the quote it uses. */
const DATA_IMPORT_RE = /\bimport\s*(['"])data:(?:text|application)\/javascript,((?:\\.|(?!\1)[^\\])*)\1/g;

/** `assets/<name>-<hash>.js`, the hash taken from the code (8 hex digits). */
export function hashedScriptName(assetsDir: string, name: string, code: string): string {
  const hash = createHash('sha256').update(code).digest('hex').slice(0, 8);
  return posix.join(assetsDir, `${name}-${hash}.js`);
}

/** A relative module specifier from one output file to another (`./x.js`, `../assets/x.js`). */
function relativeSpecifier(fromFile: string, toFile: string): string {
  const path = posix.relative(posix.dirname(fromFile), toFile);
  return path.startsWith('.') ? path : `./${path}`;
}

/**
 * Replaces each static import of a `data:` JavaScript module in `code` (a file at `fileName`) by a
 * relative import of a file holding the decoded module code. Returns the new code and the files.
 */
export function replaceDataImports(code: string, fileName: string, assetsDir: string): { code: string; files: ScriptFile[] } {
  const files: ScriptFile[] = [];
  const replaced = code.replace(DATA_IMPORT_RE, (_match, quote: string, body: string) => {
    let moduleCode = body.replace(/\\(.)/g, '$1');
    try {
      moduleCode = decodeURIComponent(moduleCode); // a data: URL's body is percent-decoded
    } catch {
      // not percent-encoded: the code as written
    }
    const file = { fileName: hashedScriptName(assetsDir, 'data-import', moduleCode), code: moduleCode };
    files.push(file);
    return `import${quote}${relativeSpecifier(fileName, file.fileName)}${quote}`;
  });
  return { code: replaced, files };
}

/** Options of {@link externalizeInlineScripts}. */
export interface ExternalizeOptions {
  /** The build's `base`: relative (`./`, empty) or absolute (`/edition/`, `https://…/`). */
  base: string;
  /** The build's `assetsDir` (`assets`). */
  assetsDir: string;
  /**
   * The `data:` modules a chunk now imports as files (chunk file name → file names): a module
   * script of the page that loads such a chunk gets a `modulepreload` for them, so the check
   * loads alongside the entry rather than after it (the entry blocks rendering).
   */
  dataImports?: ReadonlyMap<string, readonly string[]>;
}

/** The URL of an output file in the page at `htmlFileName`, and the inverse. */
function urlsFor(htmlFileName: string, base: string) {
  const relativeBase = base === '' || base.startsWith('.');
  const absoluteBase = base.replace(/\/?$/, '/');
  return {
    url: (fileName: string) => (relativeBase ? relativeSpecifier(htmlFileName, fileName) : `${absoluteBase}${fileName}`),
    fileName: (url: string): string | null => {
      if (relativeBase) return /^[a-z]+:|^\//i.test(url) ? null : posix.normalize(posix.join(posix.dirname(htmlFileName), url));
      return url.startsWith(absoluteBase) ? url.slice(absoluteBase.length) : null;
    },
  };
}

/**
 * Moves the body of every inline runnable `<script>` in `html` (the page at `htmlFileName` in the
 * output) into a hashed file and points the element at it with `src`, keeping its other attributes
 * (`type`, `nomodule`, `id`, `data-src`…) and its place. A file is named after the element's `id`
 * (`vite-legacy-entry-…`), else `page-script`, `page-module` or `page-nomodule`. Module scripts
 * with `src` get the `modulepreload` links `options.dataImports` calls for.
 */
export function externalizeInlineScripts(html: string, htmlFileName: string, options: ExternalizeOptions): { html: string; files: ScriptFile[] } {
  const files: ScriptFile[] = [];
  const urls = urlsFor(htmlFileName, options.base);
  const out = html.replace(SCRIPT_RE, (tag, attrs: string, body: string) => {
    const type = (/\stype\s*=\s*["']?([^"'\s>]*)/i.exec(attrs)?.[1] ?? '').toLowerCase();
    const src = /(?:^|\s)src\s*=\s*["']?([^"'\s>]+)/i.exec(attrs)?.[1];
    if (src !== undefined) {
      const chunk = type === 'module' ? urls.fileName(src) : null;
      const preloads = (chunk && options.dataImports?.get(chunk)) || [];
      return preloads.map((file) => `<link rel="modulepreload" crossorigin href="${urls.url(file)}">`).join('') + tag;
    }
    if (body.trim() === '' || !RUNNABLE_TYPES.has(type)) return tag;
    const id = /\sid\s*=\s*["']?([\w-]+)/i.exec(attrs)?.[1];
    const name = id ?? (type === 'module' ? 'page-module' : /\snomodule\b/i.test(attrs) ? 'page-nomodule' : 'page-script');
    const fileName = hashedScriptName(options.assetsDir, name, body);
    // The moved code may itself import a data: module (the legacy plugin's modern-browser check).
    const moved = replaceDataImports(body, fileName, options.assetsDir);
    const finalName = moved.files.length ? hashedScriptName(options.assetsDir, name, moved.code) : fileName;
    files.push(...moved.files, { fileName: finalName, code: moved.code });
    return `<script${attrs} src="${urls.url(finalName)}"></script>`;
  });
  return { html: out, files };
}

/**
 * Drops the `<style>` element a legacy (SystemJS) entry chunk adds with the page's CSS: Vite
 * inlines a legacy chunk's CSS that way, but for the entry it is the stylesheet the page already
 * links, and a strict `style-src` would block it (a violation report for nothing). Returns null
 * when the chunk injects no CSS.
 */
export function dropDuplicateEntryCss(code: string): string | null {
  // Three statements, as Vite writes them (`var` hoisted by the SystemJS transform): the style
  // element, its text, appending it. Only that statement form is removed.
  const start = code.search(/(?<=^|[;{}]\s*)(?:var\s+)?__vite_style__\s*=\s*document\.createElement\(/);
  if (start < 0) return null;
  const end = /document\.head\.appendChild\(__vite_style__\);/.exec(code.slice(start));
  return end ? code.slice(0, start) + code.slice(start + end.index + end[0].length) : null;
}

/**
 * The plugin: runs after the HTML and the chunks are final (`generateBundle`, `enforce: 'post'`),
 * rewrites them and emits the moved scripts as assets (the service worker's precache, built
 * later from the output folder, picks them up with the other `.js` files).
 */
export function cspReadyHtmlPlugin(): Plugin {
  let base = './';
  let assetsDir = 'assets';
  return {
    name: 'narrated-edition:csp-ready-html',
    apply: 'build',
    enforce: 'post',
    configResolved(config) {
      base = config.base;
      assetsDir = config.build.assetsDir;
    },
    renderChunk(code, chunk) {
      const legacyPageEntry = chunk.isEntry && chunk.fileName.includes('-legacy') && /\.html($|\?)/.test(chunk.facadeModuleId ?? '');
      return legacyPageEntry ? dropDuplicateEntryCss(code) : null;
    },
    generateBundle(_options, bundle) {
      const emitted = new Set<string>();
      const emit = (files: ScriptFile[]) => {
        for (const file of files) {
          if (emitted.has(file.fileName) || file.fileName in bundle) continue;
          emitted.add(file.fileName);
          this.emitFile({ type: 'asset', fileName: file.fileName, source: file.code });
        }
      };
      const dataImports = new Map<string, string[]>();
      for (const output of Object.values(bundle)) {
        if (output.type !== 'chunk' || !output.code.includes('data:')) continue;
        const { code, files } = replaceDataImports(output.code, output.fileName, assetsDir);
        if (!files.length) continue;
        output.code = code;
        dataImports.set(output.fileName, files.map((file) => file.fileName));
        emit(files);
      }
      for (const output of Object.values(bundle)) {
        if (output.type !== 'asset' || !output.fileName.endsWith('.html')) continue;
        const { html, files } = externalizeInlineScripts(String(output.source), output.fileName, { base, assetsDir, dataImports });
        output.source = html;
        emit(files);
      }
    },
  };
}
