// The build fails on a malformed annotation, naming file:line and what is wrong, and on success
// writes edition.json and the static text into index.html.
import { mkdtempSync, writeFileSync, readFileSync, cpSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'vite';
import { describe, expect, it } from 'vitest';
import { editionPlugin } from '../../../src/build/edition-plugin.ts';

const VALID = readFileSync('src/content/source/kollontai-1939.edition.md', 'utf8');

/** Builds a throwaway project whose content file is `source`. */
async function buildWith(source: string) {
  const root = mkdtempSync(join(tmpdir(), 'ne-build-'));
  mkdirSync(join(root, 'content'));
  writeFileSync(join(root, 'content', 'text.edition.md'), source);
  cpSync('index.html', join(root, 'index.html'));
  writeFileSync(join(root, 'early.ts'), 'document.documentElement.dataset.early = "1";\n');
  // The template's module script and stylesheet are not needed to test the content step.
  const html = readFileSync(join(root, 'index.html'), 'utf8')
    .replace(/<script type="module"[^>]*><\/script>/, '')
    .replace(/<link rel="stylesheet"[^>]*>/, '');
  writeFileSync(join(root, 'index.html'), html);
  await build({
    root,
    configFile: false,
    logLevel: 'silent',
    plugins: [editionPlugin({ source: 'content/text.edition.md', earlyScript: 'early.ts' })],
    build: { outDir: join(root, 'dist') },
  });
  return root;
}

describe('edition build', () => {
  it('fails with file:line and the problem when an annotation is malformed', async () => {
    const lines = VALID.split('\n');
    const turn = lines.findIndex((l) => l.startsWith('@turn molotov'));
    lines[turn] = '@turn molotv';
    await expect(buildWith(lines.join('\n'))).rejects.toThrow(
      new RegExp(`content/text\\.edition\\.md:${turn + 1}: .*molotv`),
    );
  }, 30_000);

  it('fails on an unclosed speaker span at its line', async () => {
    const broken = VALID.replace('{narrator|– recalls Kollontai –}', '{narrator|– recalls Kollontai –');
    const line = broken.split('\n').findIndex((l) => l.includes('{narrator|– recalls Kollontai –')) + 1;
    await expect(buildWith(broken)).rejects.toThrow(new RegExp(`text\\.edition\\.md:${line}: `));
  }, 30_000);

  it('writes edition.json and the static text, and inlines the early settings script', async () => {
    const root = await buildWith(VALID);
    const edition = JSON.parse(readFileSync(join(root, 'dist', 'edition.json'), 'utf8'));
    const html = readFileSync(join(root, 'dist', 'index.html'), 'utf8');
    expect(edition.title).toBe('Stalin’s Conversation with A.M. Kollontai');
    expect(edition.sentences.length).toBeGreaterThan(150);
    for (const sentence of edition.sentences.slice(0, 20)) expect(html).toMatch(new RegExp(`class="ne-s[^"]*" id="${sentence.id}"`));
    expect(html).toContain('dataset.early');
    expect(html).not.toContain('<!-- edition:');
  }, 30_000);
});
