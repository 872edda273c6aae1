// Builds the talking book (as `npm run epub` does) and runs EPUBCheck on it: 0 errors, 0 warnings.
// Needs java and the Debian package `epubcheck` (.ci/run installs both); skipped, saying so, without them.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { voiceCredits } from '../../../src/build/edition-plugin.ts';
import { writeEpubFile } from '../../../src/build/epub-writer.ts';
import { loadEdition } from '../../../src/content/load.ts';
import type { AudioManifest } from '../../../src/narration/audio-manifest.ts';

const ROOT = resolve(import.meta.dirname, '../../..');
/** The Debian package's jar (its /usr/bin/epubcheck wrapper needs binfmt support; java -jar does not). */
const EPUBCHECK_JAR = process.env.EPUBCHECK_JAR ?? '/usr/share/java/epubcheck.jar';
const hasJava = spawnSync('java', ['-version'], { stdio: 'ignore' }).status === 0;
const available = hasJava && existsSync(EPUBCHECK_JAR);
if (!available) {
  console.warn(`epubcheck test skipped: ${hasJava ? `no ${EPUBCHECK_JAR}` : 'no java'} (apt-get install epubcheck default-jre-headless)`);
}

describe('EPUBCheck', () => {
  const dir = mkdtempSync(join(tmpdir(), 'epubcheck-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.skipIf(!available)('reports no error and no warning on the built talking book', () => {
    const manifest = JSON.parse(readFileSync(resolve(ROOT, 'public/audio/manifest.json'), 'utf8')) as AudioManifest;
    const path = join(dir, 'edition.epub');
    const bytes = writeEpubFile(path, {
      edition: { ...loadEdition(resolve(ROOT, 'src/content/source/kollontai-1939.edition.md')), version: '0.1.0+20261130' },
      manifest,
      audio: readFileSync(resolve(ROOT, 'public/audio', manifest.files.mp3)),
      voices: voiceCredits(manifest),
      modified: new Date(),
    });
    expect(bytes).toBeLessThan(6_000_000);
    const run = spawnSync('java', ['-jar', EPUBCHECK_JAR, path], { encoding: 'utf8' });
    const output = `${run.stdout}\n${run.stderr}`;
    expect(output, output).toMatch(/Messages: 0 fatals \/ 0 errors \/ 0 warnings/);
    expect(run.status, output).toBe(0);
  }, 120_000);
});
