// The credits name the narrator when the narration is a human narrator's recording (the manifest's
// `recording`): the page's "Source and credits", the timed transcript and the EPUB talking book say
// "Narrated by <Name>" / "read by <Name>", not "synthetic voices"; the synthetic narration keeps its
// voices' credit. The whole build is run on a copy of the committed manifest marked as a recording.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { build } from 'vite';
import { describe, expect, it } from 'vitest';
import { asidesVoiceCredit, editionPlugin, narrationCredit, voiceCredits } from '../../../src/build/edition-plugin.ts';
import { renderEditionHtml } from '../../../src/content/render-html.ts';
import { loadEdition } from '../../../src/content/load.ts';
import { buildEpubBook } from '../../../src/epub/epub-book.ts';
import type { AudioManifest } from '../../../src/narration/audio-manifest.ts';

const ROOT = resolve(import.meta.dirname, '../../..');
const synthetic = JSON.parse(readFileSync(join(ROOT, 'public/audio/manifest.json'), 'utf8')) as AudioManifest;
const recorded: AudioManifest = { ...synthetic, recording: { narrator: 'Jane Doe' } };
const edition = loadEdition(join(ROOT, 'src/content/source/kollontai-1939.edition.md'));

describe('credits of a recording', () => {
  it('names the narrator, or the synthetic voices', () => {
    expect(narrationCredit(recorded)).toBe('Narrated by Jane Doe');
    expect(narrationCredit(synthetic)).toBe(`Synthetic voices: ${voiceCredits(synthetic)}`);
    expect(asidesVoiceCredit(recorded)).toBe('espeak-ng (en-gb+f3)');
  });

  it('says who reads in the page’s Source and credits', () => {
    const credits = (downloads: Parameters<typeof renderEditionHtml>[1]) => {
      const { main } = renderEditionHtml(edition, downloads);
      return main.slice(main.indexOf('Recorded narration</h3>'));
    };
    const human = credits({ downloads: { mp3: 'audio/narration.mp3', transcript: 'narration.vtt', voices: 'espeak-ng (en-gb+f3)', narrator: 'Jane <Doe>' } });
    expect(human).toContain('<p>Narrated by Jane &lt;Doe&gt;; the editor’s notes, read on request, use a synthetic voice (espeak-ng (en-gb+f3)).</p>');
    expect(human).not.toContain('synthetic voices');
    const machine = credits({ downloads: { mp3: 'audio/narration.mp3', transcript: 'narration.vtt', voices: 'flite (rms)' } });
    expect(machine).toContain('The recorded narration uses synthetic voices (flite (rms)), one per speaker.');
  });

  it('names the narrator in the EPUB’s credits, contributor and accessibility summary', () => {
    const book = buildEpubBook(edition, recorded, { modified: new Date('2026-11-30T00:00:00Z'), voices: voiceCredits(recorded) });
    const all = book.files.map((f) => f.text).join('\n');
    const opf = book.files.find((f) => f.path.endsWith('package.opf'))!.text;
    expect(all).toContain('<p>The recorded narration is read by Jane Doe; each sentence is highlighted as it is read.</p>');
    expect(opf).toContain('<dc:contributor id="narrator">Jane Doe</dc:contributor>');
    expect(opf).toMatch(/accessibilitySummary">[^<]*\(read by Jane Doe\)/);
    expect(all).not.toMatch(/synthetic voices/i);
  });

  it('names the narrator in the built page, the timed transcript and the talking book', { timeout: 60_000 }, async () => {
    const root = mkdtempSync(join(tmpdir(), 'ne-recording-build-'));
    mkdirSync(join(root, 'content'));
    cpSync(join(ROOT, 'src/content/source'), join(root, 'content'), { recursive: true });
    mkdirSync(join(root, 'audio'));
    writeFileSync(join(root, 'audio/manifest.json'), JSON.stringify(recorded));
    cpSync(join(ROOT, 'public/audio', synthetic.files.mp3), join(root, 'audio', synthetic.files.mp3));
    const html = readFileSync(join(ROOT, 'index.html'), 'utf8')
      .replace(/<script type="module"[^>]*><\/script>/, '')
      .replace(/<link rel="stylesheet"[^>]*>/, '');
    writeFileSync(join(root, 'index.html'), html);
    writeFileSync(join(root, 'early.ts'), 'document.documentElement.dataset.early = "1";\n');
    await build({
      root,
      configFile: false,
      logLevel: 'silent',
      plugins: [editionPlugin({ source: 'content/kollontai-1939.edition.md', earlyScript: 'early.ts', audioManifest: 'audio/manifest.json' })],
      build: { outDir: join(root, 'dist') },
    });
    const page = readFileSync(join(root, 'dist/index.html'), 'utf8');
    expect(page).toContain('Narrated by Jane Doe; the editor’s notes, read on request, use a synthetic voice (espeak-ng (en-gb+f3)).');
    expect(page).not.toContain('uses synthetic voices');
    expect(readFileSync(join(root, 'dist/narration.vtt'), 'utf8')).toContain('Narrated by Jane Doe');
    const epub = unzipSync(readFileSync(join(root, 'dist/edition.epub')));
    const opf = strFromU8(epub['OEBPS/package.opf']!);
    expect(opf).toContain('<dc:contributor id="narrator">Jane Doe</dc:contributor>');
  });
});
