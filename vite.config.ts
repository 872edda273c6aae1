// Build configuration: the edition plugin turns the annotated source into static HTML and
// edition.json; plugin-legacy adds a nomodule bundle for older kiosk browsers; the CSP plugin moves every
// inline script into a file (the page runs under script-src 'self'); vite-plugin-pwa builds the offline
// service worker (src/offline/sw.ts) and fills in its precache list.
import { defineConfig } from 'vite';
import legacy from '@vitejs/plugin-legacy';
import { VitePWA } from 'vite-plugin-pwa';
import { cspReadyHtmlPlugin } from './src/build/csp-ready-html.ts';
import { editionPlugin, preloadFontsPlugin } from './src/build/edition-plugin.ts';

export default defineConfig({
  // Relative URLs: dist/ works at any path (https://museum.example/edition/, a kiosk's file
  // server, a sub-folder of a CMS). EDITION_BASE sets an absolute base instead, if a host wants one.
  base: process.env.EDITION_BASE ?? './',
  plugins: [
    editionPlugin({
      source: 'src/content/source/kollontai-1939.edition.md',
      earlyScript: 'src/settings/early-entry.ts',
      audioManifest: 'public/audio/manifest.json',
      embedScript: 'src/embed/embed-element.ts',
      interfaceSprite: 'public/audio/interface.json',
      interfaceVoices: 'audio-scripts/voices.json',
    }),
    preloadFontsPlugin(/atkinson-hyperlegible-latin-(400|700)-normal-[\w-]+\.woff2$/),
    legacy({
      // Browsers with custom elements but without ES modules (older kiosk and signage browsers).
      targets: ['chrome >= 54', 'safari >= 10', 'firefox >= 63', 'edge >= 79'],
      modernPolyfills: false,
      // DOM APIs the usage-based polyfills miss, in the legacy polyfills chunk only: AbortController
      // (Chrome < 66, Safari < 12.1) with a fetch that honours its signal, then addEventListener's
      // `signal` option. <dialog> is polyfilled on demand by src/ui/modal-dialog.ts.
      additionalLegacyPolyfills: [
        'abortcontroller-polyfill/dist/polyfill-patch-fetch',
        new URL('./src/legacy/event-listener-signal.js', import.meta.url).pathname,
      ],
    }),
    // After the HTML is final: no inline script and no data: module (a strict CSP; README "Security headers").
    cspReadyHtmlPlugin(),
    VitePWA({
      strategies: 'injectManifest',
      srcDir: 'src/offline',
      filename: 'sw.ts',
      injectRegister: false, // src/offline/register.ts registers it, after load
      manifest: false,
      injectManifest: {
        // Everything a page might need offline: both builds' chunks, the scripts moved out of the
        // HTML, the woff2 fonts, the document model and the transcript. The worker precaches only
        // what its browser uses (src/offline/precache-policy.ts: this build's code, the default
        // font, the page and edition.json) and keeps the rest on demand (a font once chosen, the
        // kiosk's code in a kiosk). The recorded narration (audio/) is stored when asked: see sw.ts.
        globPatterns: ['**/*.{html,js,css,woff2,json,vtt,svg}'],
        // The recording's and the spoken help's indexes (audio/*.json) and the player code
        // (assets/howler-*.js) are listed too, but sw.ts does not precache them: their revisions
        // name the caches that keep them once a page asks (src/offline/kept-files.ts), so a web
        // visitor downloads none of them before pressing Play. The audio files are not listed.
        // Service workers of older kiosk browsers too (Safari 11.1+, Chrome 55+), not only modern ones.
        target: 'es2017',
      },
    }),
  ],
  build: {
    // EDITION_OUT_DIR lets two builds (and their preview servers) run side by side on one machine.
    outDir: process.env.EDITION_OUT_DIR ?? 'dist',
    assetsInlineLimit: 0,
    cssCodeSplit: true,
    // Every browser that runs the modern build follows <link rel=modulepreload> (the legacy build
    // loads through SystemJS): the polyfill would only add to the first visit.
    modulePreload: { polyfill: false },
  },
  preview: { port: 4173, strictPort: true },
});
