/**
 * `npm run epub`: writes the EPUB 3 talking book (`<out dir>/edition.epub`, out dir
 * `EDITION_OUT_DIR` or `dist`) from the annotated source and the recorded narration
 * (`public/audio/manifest.json` + its MP3), without a full build. `npm run build` writes it too.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadEdition } from '../src/content/load.ts';
import { buildDate, editionVersion, voiceCredits } from '../src/build/edition-plugin.ts';
import { describeSize, EPUB_FILE, writeEpubFile } from '../src/build/epub-writer.ts';
import type { AudioManifest } from '../src/narration/audio-manifest.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const manifestPath = resolve(ROOT, 'public/audio/manifest.json');
if (!existsSync(manifestPath)) {
  console.error(`epub: no recorded narration (${relative(ROOT, manifestPath)}); run npm run audio first`);
  process.exit(1);
}
const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as AudioManifest;
const built = buildDate();
const packageVersion = (JSON.parse(readFileSync(resolve(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
const edition = {
  ...loadEdition(resolve(ROOT, 'src/content/source/kollontai-1939.edition.md'), 'src/content/source/kollontai-1939.edition.md'),
  version: editionVersion(packageVersion, built),
};
const out = resolve(ROOT, process.env.EDITION_OUT_DIR ?? 'dist', EPUB_FILE);
const bytes = writeEpubFile(out, {
  edition,
  manifest,
  audio: readFileSync(resolve(dirname(manifestPath), manifest.files.mp3)),
  voices: voiceCredits(manifest),
  modified: built,
});
console.log(`epub: wrote ${relative(ROOT, out)} (${describeSize(bytes)}, ${bytes} bytes)`);
