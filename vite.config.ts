// Build configuration: the edition plugin turns the annotated source into static HTML and
// edition.json; plugin-legacy adds a nomodule bundle for older kiosk browsers.
import { defineConfig } from 'vite';
import legacy from '@vitejs/plugin-legacy';
import { editionPlugin, preloadFontsPlugin } from './src/build/edition-plugin.ts';

export default defineConfig({
  plugins: [
    editionPlugin({
      source: 'src/content/source/kollontai-1939.edition.md',
      earlyScript: 'src/settings/early-entry.ts',
      audioManifest: 'public/audio/manifest.json',
    }),
    preloadFontsPlugin(/atkinson-hyperlegible-latin-(400|700)-normal-[\w-]+\.woff2$/),
    legacy({
      // Browsers with custom elements but without ES modules (older kiosk and signage browsers).
      targets: ['chrome >= 54', 'safari >= 10', 'firefox >= 63', 'edge >= 79'],
      modernPolyfills: false,
    }),
  ],
  build: {
    assetsInlineLimit: 0,
    cssCodeSplit: true,
  },
  preview: { port: 4173, strictPort: true },
});
