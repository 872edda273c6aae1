// The editorial layer of the static page, from the real edition: glossed words and the glossary,
// the content notice tied to its passage, the compiler's words set apart, the editor's headings,
// the people named, the version, the citation and the note for publishers. Sentences keep their
// exact text whatever is added around them.
import { describe, expect, it } from 'vitest';
import { loadEdition } from '../../../src/content/load.ts';
import { describeVersion, renderEditionHtml, renderSentence } from '../../../src/content/render-html.ts';
import type { Edition, Sentence } from '../../../src/content/model.ts';
import { pageAddress } from '../../../src/glossary/citation.ts';

const EDITION = 'src/content/source/kollontai-1939.edition.md';
const edition: Edition = { ...loadEdition(EDITION), version: '0.1.0+20261130' };
const { main, masthead } = renderEditionHtml(edition);
const page = `${masthead}\n${main}`;

const count = (haystack: string, needle: string) => haystack.split(needle).length - 1;
const unescape = (html: string) =>
  html.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
/** The text of an HTML fragment (tags dropped, entities decoded): what `textContent` gives in the browser. */
const textOf = (html: string) => unescape(html.replace(/<[^>]+>/g, ''));

/** The HTML of one sentence element, as rendered in the page (nested spans and links included). */
function sentenceHtml(id: string): string {
  const start = page.search(new RegExp(`<span class="ne-s[^"]*" id="${id}"`));
  expect(start, id).toBeGreaterThanOrEqual(0);
  let depth = 0;
  const tag = /<(\/?)span\b[^>]*>/g;
  tag.lastIndex = start;
  for (let m = tag.exec(page); m; m = tag.exec(page)) {
    depth += m[1] ? -1 : 1;
    if (depth === 0) return page.slice(start, tag.lastIndex);
  }
  throw new Error(`unclosed sentence ${id}`);
}

describe('glossed words and the Glossary and notes', () => {
  it('every entry has at least one source and appears once, with its id, in the glossary section', () => {
    expect(edition.glossary.length).toBeGreaterThanOrEqual(18);
    const glossary = main.slice(main.indexOf('<section class="ne-editorial ne-glossary"'), main.indexOf('aria-labelledby="source-heading"'));
    expect(glossary).toContain('<h2 id="glossary-heading">Glossary and notes</h2>');
    for (const entry of edition.glossary) {
      expect(entry.sources.length, entry.id).toBeGreaterThanOrEqual(1);
      expect(count(page, `id="gloss-${entry.id}"`), entry.id).toBe(1);
      expect(count(glossary, `id="gloss-${entry.id}"`), entry.id).toBe(1);
      const html = glossary.slice(glossary.indexOf(`id="gloss-${entry.id}"`)).split('</div>')[0];
      for (const source of entry.sources) expect(html).toContain(`<li>${source.replace(/&/g, '&amp;')}</li>`);
      // Links back to every use.
      for (const use of entry.uses) expect(html).toContain(`<a href="#${use}">`);
    }
  });

  it('every glossed word in the page names an entry, and every gloss of the model is a link to it', () => {
    const ids = new Set(edition.glossary.map((g) => g.id));
    const used = [...page.matchAll(/<a class="ne-gloss" href="#gloss-([^"]*)"/g)].map((m) => m[1]);
    expect(used.length).toBe(edition.sentences.reduce((n, s) => n + (s.glosses?.length ?? 0), 0));
    for (const id of used) expect(ids.has(id), id).toBe(true);
    for (const sentence of edition.sentences) {
      for (const gloss of sentence.glosses ?? []) {
        const words = sentence.text.slice(gloss.start, gloss.end);
        const link = new RegExp(`<a class="ne-gloss" href="#gloss-${gloss.entry}"[^>]*>([^<]*)</a>`);
        const match = link.exec(sentenceHtml(sentence.id));
        expect(match, `${sentence.id} ${gloss.entry}`).not.toBeNull();
        expect(unescape(match![1])).toBe(words);
      }
    }
  });

  it('the glossary comes after the text and before the source, grouped as terms, notes and people', () => {
    const at = (s: string) => main.indexOf(s);
    expect(at('id="text"')).toBeLessThan(at('id="glossary"'));
    expect(at('id="glossary"')).toBeLessThan(at('aria-labelledby="source-heading"'));
    expect(at('id="glossary"')).toBeLessThan(at('<h3 id="glossary-term">Terms</h3>'));
    expect(at('<h3 id="glossary-term">Terms</h3>')).toBeLessThan(at('<h3 id="glossary-note">Editor’s notes</h3>'));
    expect(at('<h3 id="glossary-note">Editor’s notes</h3>')).toBeLessThan(at('<h3 id="glossary-person">People named in the text</h3>'));
  });

  it('leaves every sentence’s text exactly as in the model', () => {
    for (const sentence of edition.sentences) expect(textOf(sentenceHtml(sentence.id)), sentence.id).toBe(sentence.text);
  });

  it('refuses a gloss that crosses a speaker span', () => {
    const sentence = edition.sentences.find((s) => s.spans.length > 1)!;
    const crossing: Sentence = { ...sentence, glosses: [{ entry: edition.glossary[0].id, start: 0, end: sentence.text.length }] };
    expect(() => renderSentence(crossing, { glossKinds: new Map([[edition.glossary[0].id, 'term']]) })).toThrow(/crosses a speaker span/);
  });
});

describe('speakers', () => {
  it('sets the compiler’s words apart inside another speaker’s sentence or paragraph, and only those', () => {
    const blockSpeaker = new Map(edition.blocks.map((b) => [b.id, b.speaker]));
    let expected = 0;
    for (const sentence of edition.sentences) {
      const html = sentenceHtml(sentence.id);
      if (sentence.speaker !== 'narrator') {
        const spans = sentence.spans.filter((s) => s.speaker === 'narrator').length;
        expected += spans;
        expect(count(html, 'class="ne-span ne-apart" data-speaker="narrator" data-apart="compiler"'), sentence.id).toBe(spans);
      } else if (blockSpeaker.get(sentence.paragraph) !== 'narrator') {
        expected += 1;
        expect(html, sentence.id).toMatch(/^<span class="ne-s ne-apart" [^>]*data-apart="compiler"/);
      } else {
        expect(html, sentence.id).not.toContain('ne-apart');
      }
    }
    expect(expected).toBeGreaterThanOrEqual(5); // "– recalls Kollontai –", "wrote Aleksandra Mikhailovna.", "She tried…", …
    expect(count(main, 'data-apart=')).toBe(expected);
    // Stalin's quotations inside Kollontai's sentences are not set apart.
    expect(main).toContain('<span class="ne-span" data-speaker="stalin">');
  });

  it('labels a paragraph whose speaker is uncertain, with its reason', () => {
    for (const block of edition.blocks.filter((b) => b.uncertain)) {
      const p = main.slice(main.lastIndexOf('<p ', main.indexOf(`id="${block.sentenceIds[0]}"`)));
      expect(p, block.id).toMatch(new RegExp(`^[^>]*data-speaker="${block.speaker}"[^>]*>\\s*<span class="ne-speaker">Probably `));
      expect(main).toContain(`id="${block.id}-note"`);
    }
  });

  it('keeps the cast list and adds everyone named, linked to their biography', () => {
    expect(main).toContain('<h2 id="cast-heading">Who speaks</h2>');
    const cast = main.slice(main.indexOf('cast-heading'), main.indexOf('id="text"'));
    const people = edition.glossary.filter((g) => g.kind === 'person');
    expect(people.length).toBeGreaterThanOrEqual(15);
    for (const person of people) expect(cast).toContain(`<a href="#gloss-${person.id}">`);
  });
});

describe('the content notice', () => {
  it('is a note with its own heading, and the passage’s paragraphs point to it', () => {
    const notice = edition.blocks.find((b) => b.role === 'notice')!;
    expect(notice.covers?.length).toBe(2);
    expect(main).toContain(
      `<aside class="ne-notice ne-editorial" role="note" id="${notice.id}" aria-labelledby="${notice.id}-heading">\n` +
        `<h3 class="ne-notice-label" id="${notice.id}-heading">Content note</h3>`,
    );
    for (const id of notice.sentenceIds) expect(main.slice(main.indexOf(`id="${notice.id}"`)).split('</aside>')[0]).toContain(`class="ne-s" id="${id}"`);
    for (const id of notice.covers!) {
      const first = main.indexOf(`id="${edition.blocks.find((b) => b.id === id)!.sentenceIds[0]}"`);
      expect(main.slice(main.lastIndexOf('<p ', first), first)).toMatch(new RegExp(`^<p [^>]* aria-details="${notice.id}"`));
    }
    expect(count(main, 'aria-details=')).toBe(notice.covers!.length);
  });
});

describe('headings', () => {
  it('says each bracketed section heading is the editor’s, outside the sentence', () => {
    for (const section of edition.sections.filter((s) => s.heading)) {
      const h2 = main.slice(main.indexOf(`<h2 class="ne-section-heading" id="${section.id}"`)).split('</h2>')[0];
      expect(h2).toMatch(/^<h2[^>]*><span class="ne-visually-hidden">Editor’s heading: <\/span><span class="ne-bracket" aria-hidden="true">\[<\/span><span class="ne-s"/);
    }
  });
});

describe('source note: version, note for publishers, citation', () => {
  it('describes a version stamp in words, and nothing for a missing or malformed one', () => {
    expect(describeVersion('0.1.0+20261130')).toEqual({ number: '0.1.0', iso: '2026-11-30', long: '30 November 2026' });
    expect(describeVersion(undefined)).toBeNull();
    expect(describeVersion('0.1.0')).toBeNull();
    expect(describeVersion('0.1.0+20261399')).toBeNull();
  });

  it('shows the version and build date, and cites the edition last in the source section', () => {
    expect(main).toContain('<p class="ne-version">Version 0.1.0, built <time datetime="2026-11-30">30 November 2026</time>.</p>');
    const source = main.slice(main.indexOf('aria-labelledby="source-heading"'));
    const cite = source.slice(source.indexOf('<div class="ne-cite'));
    expect(cite).toContain('<h3 id="cite-heading">Cite this edition</h3>');
    const text = textOf(cite.slice(cite.indexOf('<p class="ne-cite-text"')).split('</p>')[0]);
    expect(text).toBe(
      'Stalin’s Conversation with A.M. Kollontai (November, 1939). Translated from the Russian by Jaweed Ashraf. ' +
        'Narrated accessible edition, version 0.1.0+20261130, built 30 November 2026. Available at: the address of this page.',
    );
    expect(cite).toContain('>Copy citation</button>');
    // A polite live region, not a second role=status beside the narration's.
    expect(cite).toContain('<span class="ne-copy-status" aria-live="polite"></span>');
    // Nothing after the citation but the end of the section.
    expect(cite.replace(/<\/div>\n<\/section>$/, '')).not.toMatch(/<\/div>\n<(div|h3|p|details)/);
    // With a known address and without a stamp.
    const other = renderEditionHtml({ ...edition, version: undefined }, { pageUrl: 'https://museum.example/edition/' }).main;
    expect(other).toContain('Narrated accessible edition. Available at: <span class="ne-cite-url">https://museum.example/edition/</span>.');
    expect(other).not.toContain('ne-version');
  });

  it('shows the note for publishers apart, as no sentence (so narration never reads it)', () => {
    expect(edition.deployerNotes.length).toBeGreaterThan(0);
    const details = main.slice(main.indexOf('<details class="ne-deployer')).split('</details>')[0];
    expect(details).toContain('<summary>For those publishing this edition</summary>');
    for (const note of edition.deployerNotes) {
      expect(details).toContain(note);
      expect(edition.sentences.some((s) => s.text.includes(note.slice(0, 40)))).toBe(false);
    }
    expect(details).not.toContain('class="ne-s');
  });

  it('cites the page’s address without its options or fragment', () => {
    expect(pageAddress('https://museum.example/edition/?kiosk&theme=cream#s-1abc')).toBe('https://museum.example/edition/');
    expect(pageAddress('http://127.0.0.1:4173/index.html#glossary')).toBe('http://127.0.0.1:4173/index.html');
  });
});
