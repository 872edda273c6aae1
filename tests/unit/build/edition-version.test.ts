// The edition's version stamp: `<package.json version>+<build date YYYYMMDD>` (UTC, SOURCE_DATE_EPOCH
// when set), in edition.json and in words in the page's source note and citation.
import { mkdtempSync, writeFileSync, readFileSync, mkdirSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'vite';
import { describe, expect, it } from 'vitest';
import { buildDate, editionPlugin, editionVersion } from '../../../src/build/edition-plugin.ts';

describe('version stamp', () => {
  it('is the package version and the UTC build date', () => {
    expect(editionVersion('0.1.0', new Date(Date.UTC(2026, 10, 30, 23, 59)))).toBe('0.1.0+20261130');
    expect(editionVersion('1.2.3-rc.1', new Date(Date.UTC(2027, 0, 2)))).toBe('1.2.3-rc.1+20270102');
  });

  it('dates the build from SOURCE_DATE_EPOCH when it is a number, else now', () => {
    const now = new Date(Date.UTC(2030, 5, 1));
    expect(buildDate({ SOURCE_DATE_EPOCH: '1796083200' }, () => now).toISOString()).toBe('2026-12-01T00:00:00.000Z');
    expect(buildDate({}, () => now)).toBe(now);
    expect(buildDate({ SOURCE_DATE_EPOCH: 'yesterday' }, () => now)).toBe(now);
  });

  it('is written to edition.json and shown in the source note and the citation', async () => {
    const root = mkdtempSync(join(tmpdir(), 'ne-version-'));
    mkdirSync(join(root, 'content'));
    cpSync('src/content/source/kollontai-1939.edition.md', join(root, 'content', 'text.edition.md'));
    cpSync('src/content/source/kollontai-1939.glossary.md', join(root, 'content', 'text.glossary.md'));
    writeFileSync(join(root, 'package.json'), JSON.stringify({ name: 'x', version: '9.8.7' }));
    writeFileSync(join(root, 'early.ts'), 'document.documentElement.dataset.early = "1";\n');
    const html = readFileSync('index.html', 'utf8')
      .replace(/<script type="module"[^>]*><\/script>/, '')
      .replace(/<link rel="stylesheet"[^>]*>/, '');
    writeFileSync(join(root, 'index.html'), html);
    const previous = process.env.SOURCE_DATE_EPOCH;
    process.env.SOURCE_DATE_EPOCH = String(Date.UTC(2026, 10, 30, 12) / 1000);
    try {
      await build({
        root,
        configFile: false,
        logLevel: 'silent',
        plugins: [editionPlugin({ source: 'content/text.edition.md', earlyScript: 'early.ts' })],
        build: { outDir: join(root, 'dist') },
      });
    } finally {
      if (previous === undefined) delete process.env.SOURCE_DATE_EPOCH;
      else process.env.SOURCE_DATE_EPOCH = previous;
    }
    const edition = JSON.parse(readFileSync(join(root, 'dist', 'edition.json'), 'utf8'));
    const page = readFileSync(join(root, 'dist', 'index.html'), 'utf8');
    expect(edition.version).toBe('9.8.7+20261130');
    expect(page).toContain('Version 9.8.7, built <time datetime="2026-11-30">30 November 2026</time>.');
    expect(page).toContain('Narrated accessible edition, version 9.8.7+20261130, built');
    expect(edition.glossary.length).toBeGreaterThan(0);
  }, 30_000);
});
