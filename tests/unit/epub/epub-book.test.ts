// The EPUB 3 talking book's package: the container layout, the same sentence ids as the web page,
// one Media Overlay par per sentence in reading order with the manifest's clip times, the
// accessibility and Media Overlays metadata, CSS that leaves fonts and colours to the reader, the
// size limit, and the page's download link. Built from the real edition and narration manifest.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { loadEdition } from '../../../src/content/load.ts';
import { renderEditionHtml } from '../../../src/content/render-html.ts';
import { describeSize, epubBytes } from '../../../src/build/epub-writer.ts';
import { ACTIVE_CLASS, buildEpubBook, clockValue, stableUuid } from '../../../src/epub/epub-book.ts';
import type { AudioManifest } from '../../../src/narration/audio-manifest.ts';
import { classifyEntry, keptByKiosk, selectPrecache } from '../../../src/offline/precache-policy.ts';

const ROOT = resolve(import.meta.dirname, '../../..');
const edition = { ...loadEdition(resolve(ROOT, 'src/content/source/kollontai-1939.edition.md')), version: '0.1.0+20261130' };
const manifest = JSON.parse(readFileSync(resolve(ROOT, 'public/audio/manifest.json'), 'utf8')) as AudioManifest;
const modified = new Date('2026-11-30T12:34:56.789Z');
const book = buildEpubBook(edition, manifest, { modified, voices: 'flite (rms), festival (slt)' });
const file = (path: string) => book.files.find((f) => f.path === path)?.text ?? '';
const opf = file('OEBPS/package.opf');
const spine = [...opf.matchAll(/<itemref idref="([^"]+)"/g)].map((m) => m[1]!);
const hrefOf = (id: string) => new RegExp(`<item id="${id}" href="([^"]+)"`).exec(opf)?.[1] ?? '';
const contentDocs = spine.filter((id) => id !== 'nav').map((id) => ({ id, href: hrefOf(id), text: file(`OEBPS/${hrefOf(id)}`) }));
const unescape = (text: string) =>
  text.replace(/<[^>]+>/g, '').replace(/&#34;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
const ms = (clock: string) => {
  const [h, m, s] = clock.split(':');
  return Math.round((Number(h) * 3600 + Number(m) * 60 + Number(s)) * 1000);
};

describe('EPUB container', () => {
  const bytes = epubBytes({ edition, manifest, audio: readFileSync(resolve(ROOT, 'public/audio', manifest.files.mp3)), voices: 'x', modified });

  it('starts with mimetype, stored, without extra field', () => {
    const view = new DataView(bytes.buffer, bytes.byteOffset);
    expect(view.getUint32(0, true)).toBe(0x04034b50);
    expect(view.getUint16(8, true)).toBe(0); // compression method: stored
    expect(view.getUint16(26, true)).toBe(8); // name length
    expect(view.getUint16(28, true)).toBe(0); // extra field length
    expect(strFromU8(bytes.subarray(30, 38))).toBe('mimetype');
    expect(strFromU8(bytes.subarray(38, 58))).toBe('application/epub+zip');
  });

  it('holds every file of the book and the whole MP3, and stays under 6 MB', () => {
    const entries = unzipSync(bytes);
    expect(Object.keys(entries)).toEqual([...book.files.map((f) => f.path), book.audioPath]);
    expect(entries[book.audioPath]!.byteLength).toBe(readFileSync(resolve(ROOT, 'public/audio', manifest.files.mp3)).byteLength);
    expect(bytes.byteLength).toBeLessThan(6_000_000);
  });
});

describe('EPUB content documents', () => {
  it('carry every sentence once, with the web page’s ids and exactly its text, in reading order', () => {
    const spans = contentDocs.flatMap((doc) =>
      [...doc.text.matchAll(/<span class="s" id="([^"]+)">(.*?)<\/span>/g)].map((m) => ({ id: m[1]!, text: unescape(m[2]!) })),
    );
    expect(spans.map((s) => s.id)).toEqual(edition.sentences.map((s) => s.id));
    expect(spans.map((s) => s.text)).toEqual(edition.sentences.map((s) => s.text));
  });

  it('mark the content notice as an aside, label speakers and hold the glossary with working links', () => {
    const text = file('OEBPS/text.xhtml');
    expect(text).toMatch(/<aside epub:type="notice" role="note"[^>]*>\s*<p[^>]*><strong>Content note<\/strong>/);
    expect(text).toContain('<strong class="speaker">Molotov:</strong>');
    const glossary = file('OEBPS/glossary.xhtml');
    expect(glossary).toContain('epub:type="glossary"');
    for (const entry of edition.glossary) expect(glossary).toContain(`id="gloss-${entry.id}"`);
    const allIds = new Map(contentDocs.map((d) => [d.href, new Set([...d.text.matchAll(/ id="([^"]+)"/g)].map((m) => m[1]))]));
    const links = contentDocs.flatMap((d) => [...d.text.matchAll(/href="([^"#]+)#([^"]+)"/g)].map((m) => [m[1]!, m[2]!] as const));
    expect(links.length).toBeGreaterThan(edition.glossary.length);
    for (const [href, id] of links) expect(allIds.get(href)?.has(id), `${href}#${id}`).toBe(true);
  });

  it('include the editor’s note, the source note and the credits', () => {
    expect(file('OEBPS/front.xhtml')).toContain('Editor’s note');
    const source = file('OEBPS/source.xhtml');
    expect(source).toContain('Translated from the Russian by');
    expect(source).toContain('synthetic voices (flite (rms), festival (slt))');
  });

  it('have a nav document with every section and landmarks', () => {
    const nav = file('OEBPS/nav.xhtml');
    for (const section of edition.sections.filter((s) => s.heading)) expect(nav).toContain(`href="text.xhtml#${section.id}"`);
    expect(nav).toMatch(/<nav epub:type="landmarks"/);
    expect(nav).toContain('epub:type="bodymatter"');
  });

  it('style no fonts, colours or fixed sizes, and define the active class', () => {
    const css = file('OEBPS/edition.css');
    expect(css).not.toMatch(/(^|[\s;{])(color|background(-color)?|font-family|font)\s*:/m);
    expect(css).not.toMatch(/\d(px|pt|cm|mm|in)\b/);
    expect(css).toContain(`.${ACTIVE_CLASS} {`);
  });
});

describe('EPUB Media Overlays', () => {
  const overlays = contentDocs
    .map((doc) => ({ doc, overlay: new RegExp(`<item id="${doc.id}"[^>]* media-overlay="([^"]+)"`).exec(opf)?.[1] }))
    .filter((o): o is { doc: (typeof contentDocs)[number]; overlay: string } => Boolean(o.overlay));
  const pars = overlays.flatMap(({ doc, overlay }) =>
    [...file(`OEBPS/${hrefOf(overlay)}`).matchAll(/<par id="[^"]+"><text src="([^"#]+)#([^"]+)"\/><audio src="([^"]+)" clipBegin="([^"]+)" clipEnd="([^"]+)"\/><\/par>/g)].map(
      (m) => ({ doc: doc.href, href: m[1]!, id: m[2]!, audio: m[3]!, begin: ms(m[4]!), end: ms(m[5]!) }),
    ),
  );

  it('have one par per sentence, in the manifest’s order, pointing into its own document', () => {
    expect(pars.map((p) => p.id)).toEqual(manifest.order);
    for (const par of pars) expect(par.href).toBe(par.doc);
    expect(new Set(pars.map((p) => p.audio))).toEqual(new Set(['audio/narration.mp3']));
  });

  it('clip each sentence exactly at the manifest’s start and end', () => {
    for (const par of pars) expect([par.begin, par.end], par.id).toEqual([manifest.sentences[par.id]!.start, manifest.sentences[par.id]!.end]);
  });

  it('state each overlay’s duration and the total (their sum), and the active class', () => {
    const durations = overlays.map(({ overlay }) => new RegExp(`<meta property="media:duration" refines="#${overlay}">([^<]+)</meta>`).exec(opf)?.[1]);
    expect(durations.every(Boolean)).toBe(true);
    const total = /<meta property="media:duration">([^<]+)<\/meta>/.exec(opf)?.[1];
    expect(ms(total!)).toBe(durations.reduce((sum, d) => sum + ms(d!), 0));
    expect(ms(total!)).toBe(pars.reduce((sum, p) => sum + p.end - p.begin, 0));
    expect(opf).toContain(`<meta property="media:active-class">${ACTIVE_CLASS}</meta>`);
  });

  it('formats clock values', () => {
    expect(clockValue(1_096_315)).toBe('0:18:16.315');
    expect(clockValue(3_600_001)).toBe('1:00:00.001');
  });
});

describe('EPUB package metadata', () => {
  it('has the identifier, title, language, modified date and credits', () => {
    expect(opf).toMatch(/<dc:identifier id="uid">urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}<\/dc:identifier>/);
    expect(opf).toContain(`<dc:title id="title">${edition.title} ${edition.dateline}</dc:title>`);
    expect(opf).toContain('<dc:language>en</dc:language>');
    expect(opf).toContain('<meta property="dcterms:modified">2026-11-30T12:34:56Z</meta>');
    expect(opf).toContain('<dc:contributor id="translator">Jaweed Ashraf</dc:contributor>');
    expect(opf).toContain('<meta property="role" refines="#translator">trl</meta>');
    // The attribution is disputed (the editor's note): the author line says so.
    expect(opf).toMatch(/<dc:creator id="creator">Attributed to A\.\s?M\. Kollontai<\/dc:creator>/);
    expect(stableUuid('a')).toBe(stableUuid('a'));
    expect(stableUuid('a')).not.toBe(stableUuid('b'));
  });

  it('has the EPUB Accessibility 1.1 metadata', () => {
    const values = (property: string) => [...opf.matchAll(new RegExp(`<meta property="schema:${property}">([^<]+)</meta>`, 'g'))].map((m) => m[1]);
    expect(values('accessMode')).toEqual(['textual', 'auditory']);
    expect(values('accessModeSufficient')).toEqual(expect.arrayContaining(['textual', 'auditory']));
    expect(values('accessibilityFeature')).toEqual(
      expect.arrayContaining(['synchronizedAudioText', 'structuralNavigation', 'readingOrder', 'tableOfContents', 'displayTransformability']),
    );
    expect(values('accessibilityHazard')).toEqual(['none']);
    expect(values('accessibilitySummary')[0]).toMatch(/synchronised sentence by sentence/);
    expect(opf).toContain('<meta property="dcterms:conformsTo">EPUB Accessibility 1.1 - WCAG 2.2 Level AA</meta>');
    expect(opf).toMatch(/<meta property="a11y:certifiedBy">[^<]+<\/meta>/);
  });
});

describe('the EPUB on the web page and offline', () => {
  it('is linked from Source and credits with its size', () => {
    const { main } = renderEditionHtml(edition, {
      downloads: { mp3: 'audio/narration.mp3', transcript: 'narration.vtt', voices: 'flite', epub: { href: 'edition.epub', size: describeSize(4_411_734) } },
    });
    const source = main.slice(main.indexOf('id="source-heading"'));
    expect(source).toContain('<a href="edition.epub" download>Download the talking book (EPUB 3, 4.4 MB)</a>');
  });

  it('is never precached, nor kept by a kiosk', () => {
    expect(classifyEntry('edition.epub').role).toBe('book');
    const { precache, onDemand } = selectPrecache(['index.html', 'edition.epub'], { build: 'modern' });
    expect(precache).toEqual(['index.html']);
    expect(onDemand).toEqual([]);
    expect(keptByKiosk('edition.epub')).toBe(false);
  });
});
