/**
 * Renders the edition model to static, semantic HTML at build time, so the whole text reads with
 * JavaScript off, in reader modes and in search. Every sentence is an element `.ne-s` whose `id`
 * is the sentence id (a public interface: `#<id>` links to it); dialogue turns name their speaker in text. The editorial layer is here too:
 * glossed words (plain links to the glossary without JavaScript), the content notice tied to its
 * passage, the compiler's words set apart, the glossary and notes, the version and the citation.
 * Nothing added here is inside a sentence's text: a `.ne-s` element's text is always exactly
 * the sentence's `text`. Pure string building: no DOM.
 */
import type { Block, Edition, GlossEntry, GlossKind, GlossUse, Sentence, SpeakerId } from './model.ts';

/** The pieces of the page the HTML template fills in. */
export interface RenderedEdition {
  /** Text for `<title>`. */
  documentTitle: string;
  /** Title and date line: goes inside the page `<header>`. */
  masthead: string;
  /**
   * Editor's note, cast list, the text by sections, the glossary and notes, and the source matter
   * (with the citation last): goes inside `<main>`.
   */
  main: string;
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for use in HTML content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

/** Links to the recorded narration, when it has been rendered. */
export interface NarrationDownloads {
  /** URL of the MP3 of the whole narration. */
  mp3: string;
  /** URL of the WebVTT transcript. */
  transcript: string;
  /**
   * Plain-text credit for the synthetic voices, e.g. "flite (rms, awb), festival (slt)"; with
   * `narrator`, the synthetic voice of the editor's notes only.
   */
  voices: string;
  /** Who reads the narration, when it is a human narrator's recording (the credits name them). */
  narrator?: string;
  /** The EPUB 3 talking book (text + narration with Media Overlays), when the build writes it. */
  epub?: { href: string; size: string };
}

/** Options for {@link renderEditionHtml}. */
export interface RenderOptions {
  /** Links to the recorded narration, when it has been rendered. */
  downloads?: NarrationDownloads;
  /**
   * Where the edition is published, when the build knows it (an absolute base URL): the citation's
   * address without JavaScript. Otherwise the page fills it in from `location`.
   */
  pageUrl?: string;
}

/** How the page names each kind of glossary entry: the popover's label, the group heading, the link hint. */
export const GLOSS_KINDS: Record<GlossKind, { label: string; group: string; hint: string }> = {
  term: { label: 'Term', group: 'Terms', hint: 'Term: opens its glossary entry' },
  note: { label: 'Editor’s note', group: 'Editor’s notes', hint: 'Editor’s note: opens the note' },
  person: { label: 'Person', group: 'People named in the text', hint: 'Person: opens a short biography' },
};
const GLOSS_KIND_ORDER: GlossKind[] = ['term', 'note', 'person'];

/** The edition's name in the citation. */
export const EDITION_NAME = 'Narrated accessible edition';

/**
 * Speakers whose words are set apart (rules either side, and a visually hidden "(compiler)") when
 * they occur inside another speaker's sentence or paragraph: the compiler's framing inside
 * Kollontai's diary, which is otherwise easy to take for hers.
 */
const SET_APART: ReadonlySet<SpeakerId> = new Set(['narrator']);

/** Renders the whole edition. */
export function renderEditionHtml(edition: Edition, { downloads, pageUrl }: RenderOptions = {}): RenderedEdition {
  const sentences = new Map(edition.sentences.map((s) => [s.id, s]));
  const blocks = new Map(edition.blocks.map((b) => [b.id, b]));
  const glossKinds = new Map(edition.glossary.map((g) => [g.id, g.kind]));
  const apartLabel = (speaker: SpeakerId) => edition.speakers[speaker]?.name.toLowerCase() ?? speaker;
  const blocksOf = (role: Block['role']) => edition.blocks.filter((b) => b.role === role);
  const sentenceHtml = (block: Block) =>
    block.sentenceIds
      .map((id) => renderSentence(sentences.get(id)!, { blockSpeaker: block.speaker, glossKinds, apartLabel }))
      .join(' ');

  const [title] = blocksOf('title');
  const [dateline] = blocksOf('dateline');
  const masthead =
    `<h1 class="ne-title" id="top" data-speaker="${title.speaker}">${sentenceHtml(title)}</h1>\n` +
    `<p class="ne-dateline" data-speaker="${dateline.speaker}">${sentenceHtml(dateline)}</p>`;

  const editorNote = section(
    'editor-note',
    'Editor’s note',
    blocksOf('editor-note').map((b) => `<p data-speaker="${b.speaker}">${sentenceHtml(b)}</p>`).join('\n'),
    'ne-editorial ne-editor-note',
  );

  const cast = section('cast', 'Who speaks', renderCast(edition), 'ne-editorial ne-cast-list');

  const bodySections = edition.sections
    .filter((s) => s.id !== 'front' && s.id !== 'back')
    .map((s, index) => renderBodySection(edition, s.id, index === 0, sentenceHtml))
    .join('\n');

  const glossary = edition.glossary.length
    ? section('glossary', 'Glossary and notes', renderGlossary(edition, sentences, blocks), 'ne-editorial ne-glossary', 'glossary')
    : '';

  const back = edition.blocks.filter((b) => b.section === 'back');
  const originalNote = back
    .filter((b) => b.role === 'source-note' || b.role === 'citation' || b.role === 'translator')
    .map((b) => `<p class="ne-${b.role}" data-speaker="${b.speaker}">${sentenceHtml(b)}</p>`)
    .join('\n');
  const aboutSource = back
    .filter((b) => b.role === 'about-source')
    .map((b) => `<p data-speaker="${b.speaker}">${sentenceHtml(b)}</p>`)
    .join('\n');
  const version = describeVersion(edition.version);
  const versionLine = version
    ? `<p class="ne-version">Version ${escapeHtml(version.number)}, built <time datetime="${version.iso}">${version.long}</time>.</p>\n`
    : '';
  const takeAway = downloads
    ? `<h3 class="ne-editorial">Recorded narration</h3>\n<div class="ne-editorial ne-downloads">\n` +
      (downloads.narrator
        ? `<p>Narrated by ${escapeHtml(downloads.narrator)}${downloads.voices ? `; the editor’s notes, read on request, use a synthetic voice (${escapeHtml(downloads.voices)})` : ''}.</p>\n`
        : `<p>The recorded narration uses synthetic voices (${escapeHtml(downloads.voices)}), one per speaker.</p>\n`) +
      `<ul>\n<li><a href="${escapeHtml(downloads.mp3)}" download>Download the narration (MP3)</a></li>\n` +
      `<li><a href="${escapeHtml(downloads.transcript)}" download>Download the timed transcript (WebVTT)</a></li>\n` +
      (downloads.epub
        ? `<li><a href="${escapeHtml(downloads.epub.href)}" download>Download the talking book (EPUB 3, ${escapeHtml(downloads.epub.size)})</a>: ` +
          `the text with the narration, read along sentence by sentence in Thorium, Apple Books and other EPUB 3 reading systems.</li>\n`
        : '') +
      `</ul>\n</div>\n`
    : '';
  const deployer = edition.deployerNotes.length
    ? `<details class="ne-deployer ne-editorial">\n<summary>For those publishing this edition</summary>\n` +
      edition.deployerNotes.map((note) => `<p>${escapeHtml(note)}</p>`).join('\n') +
      `\n</details>\n`
    : '';
  const sourceSection = section(
    'source',
    'Source and credits',
    `<div class="ne-original-apparatus">\n${originalNote}\n</div>\n` +
      `<h3 class="ne-editorial">About this source <span class="ne-visually-hidden">(editor)</span></h3>\n` +
      `<div class="ne-editorial">\n${aboutSource}\n${versionLine}</div>\n${takeAway}${deployer}` +
      renderCitation(edition, version, pageUrl),
    'ne-source',
  );

  return {
    documentTitle: `${edition.title} ${edition.dateline} – narrated edition`,
    masthead,
    main: [editorNote, cast, `<div class="ne-text" id="text">\n${bodySections}\n</div>`, glossary, sourceSection]
      .filter(Boolean)
      .join('\n'),
  };
}

function section(id: string, heading: string, content: string, className: string, elementId?: string): string {
  return (
    `<section class="${className}"${elementId ? ` id="${elementId}"` : ''} aria-labelledby="${id}-heading">\n` +
    `<h2 id="${id}-heading">${escapeHtml(heading)}</h2>\n${content}\n</section>`
  );
}

/** "Who speaks", a key to how the page marks voices and notes, and everyone named in the text. */
function renderCast(edition: Edition): string {
  const speakers =
    '<dl class="ne-cast">\n' +
    edition.cast
      .map((id) => {
        const speaker = edition.speakers[id];
        return `<div data-speaker="${id}"><dt>${escapeHtml(speaker.name)}</dt><dd>${escapeHtml(speaker.description)}</dd></div>`;
      })
      .join('\n') +
    '\n</dl>';
  const people = edition.glossary.filter((g) => g.kind === 'person');
  const key =
    `<p class="ne-cast-key">Inside another speaker’s paragraph, the compiler’s own words stand ` +
    `<span class="ne-apart-sample">between thin rules</span>.` +
    (edition.glossary.length
      ? ` Words <span class="ne-gloss-sample">underlined with dots</span> open an entry of the Glossary and notes, after the text.`
      : '') +
    `</p>`;
  const named = people.length
    ? `\n<h3 id="cast-people">People named in the text</h3>\n<p>Each name leads to a short biography in the glossary.</p>\n` +
      `<ul class="ne-people" aria-labelledby="cast-people">\n` +
      people.map((p) => `<li><a href="#gloss-${p.id}">${escapeHtml(p.term)}</a></li>`).join('\n') +
      '\n</ul>'
    : '';
  return `${speakers}\n${key}${named}`;
}

function renderBodySection(
  edition: Edition,
  sectionId: string,
  first: boolean,
  sentenceHtml: (block: Block) => string,
): string {
  const blocks = edition.blocks.filter((b) => b.section === sectionId);
  const heading = blocks.find((b) => b.role === 'heading');
  // A paragraph is labelled when its speaker, or the certainty of its speaker, changes.
  let previousLabel: string | undefined;
  const parts: string[] = [];
  for (const block of blocks) {
    if (block.role === 'heading') continue;
    if (block.role === 'notice') {
      parts.push(renderNotice(block, sentenceHtml(block)));
      continue;
    }
    const labelKey = `${block.speaker}${block.uncertain ? '?' : ''}`;
    const showLabel = block.role === 'turn' || labelKey !== previousLabel;
    previousLabel = labelKey;
    parts.push(renderParagraph(edition, block, showLabel, sentenceHtml(block)));
  }
  // The headings are the editor's: a screen reader says so, since the brackets are not read.
  const headingHtml = heading
    ? `<h2 class="ne-section-heading" id="${sectionId}" data-speaker="${heading.speaker}"><span class="ne-visually-hidden">Editor’s heading: </span>` +
      `<span class="ne-bracket" aria-hidden="true">[</span>${sentenceHtml(heading)}<span class="ne-bracket" aria-hidden="true">]</span></h2>`
    : '';
  return (
    `<section class="ne-section${first ? ' ne-section-first' : ''}" aria-labelledby="${sectionId}">\n` +
    `${headingHtml}\n${parts.join('\n')}\n</section>`
  );
}

/** The content notice: a note with its own heading, which the passage's paragraphs point to (`aria-details`). */
function renderNotice(block: Block, content: string): string {
  return (
    `<aside class="ne-notice ne-editorial" role="note" id="${block.id}" aria-labelledby="${block.id}-heading">\n` +
    `<h3 class="ne-notice-label" id="${block.id}-heading">Content note</h3>\n` +
    `<p data-speaker="${block.speaker}">${content}</p>\n</aside>`
  );
}

function renderParagraph(edition: Edition, block: Block, showLabel: boolean, content: string): string {
  const name = edition.speakers[block.speaker].name;
  const label = showLabel
    ? `<span class="ne-speaker">${block.uncertain ? 'Probably ' : ''}${escapeHtml(name)}<span class="ne-visually-hidden">:</span></span> `
    : '';
  const note = block.uncertain
    ? `\n<p class="ne-attribution-note ne-editorial" id="${block.id}-note"><span class="ne-visually-hidden">Editor: </span>${escapeHtml(block.uncertain)}</p>`
    : '';
  const describedBy = block.uncertain ? ` aria-describedby="${block.id}-note"` : '';
  const details = block.notice ? ` aria-details="${block.notice}"` : '';
  return (
    `<p class="ne-${block.role}${showLabel ? ' ne-labelled' : ''}" data-speaker="${block.speaker}"${describedBy}${details}>` +
    `${label}${content}</p>${note}`
  );
}

/** What {@link renderSentence} needs to know beyond the sentence itself. */
export interface SentenceContext {
  /** The speaker of the sentence's block: a set-apart speaker's whole sentence inside it is set apart. */
  blockSpeaker?: SpeakerId;
  /** Kind of each glossary entry, by id: the gloss links' hint. */
  glossKinds?: ReadonlyMap<string, GlossKind>;
  /** The visually hidden label of set-apart words ("compiler"), by speaker. */
  apartLabel?: (speaker: SpeakerId) => string;
}

/**
 * One sentence element; speaker runs that differ from the sentence's own speaker get their own span,
 * and glossed words their link. The sentence id is also the element id, so `#<sentence id>` links
 * work even without JavaScript. The element's text is exactly `sentence.text`.
 */
export function renderSentence(sentence: Sentence, context: SentenceContext = {}): string {
  const apartLabel = context.apartLabel ?? ((speaker: SpeakerId) => speaker);
  const glosses = sentence.glosses ?? [];
  const apartSentence =
    context.blockSpeaker !== undefined && context.blockSpeaker !== sentence.speaker && SET_APART.has(sentence.speaker);
  const attrs =
    // The speaker is the paragraph's unless said here: the page's bytes are mostly the text itself.
    `class="ne-s${apartSentence ? ' ne-apart' : ''}" id="${sentence.id}"` +
    (sentence.speaker !== context.blockSpeaker ? ` data-speaker="${sentence.speaker}"` : '') +
    (apartSentence ? ` data-apart="${escapeHtml(apartLabel(sentence.speaker))}"` : '') +
    (sentence.uncertain ? ' data-uncertain=""' : '');
  const runs = sentence.spans.length <= 1 ? [{ speaker: sentence.speaker, text: sentence.text }] : sentence.spans;
  const starts = runs.map((_, i) => runs.slice(0, i).reduce((n, r) => n + r.text.length, 0));
  const crossing = glosses.find((g) => !runs.some((r, i) => g.start >= starts[i] && g.end <= starts[i] + r.text.length));
  if (crossing) throw new Error(`${sentence.id}: the gloss "${crossing.entry}" crosses a speaker span`);
  const inner = runs
    .map((span, i) => {
      const html = renderRun(span.text, starts[i], glosses, context.glossKinds, sentence.id);
      if (span.speaker === sentence.speaker) return html;
      const apart = SET_APART.has(span.speaker);
      return (
        `<span class="ne-span${apart ? ' ne-apart' : ''}" data-speaker="${span.speaker}"` +
        `${apart ? ` data-apart="${escapeHtml(apartLabel(span.speaker))}"` : ''}>${html}</span>`
      );
    })
    .join('');
  return `<span ${attrs}>${inner}</span>`;
}

/** A run of text starting at `from` in its sentence, with the glosses that fall inside it wrapped in links. */
function renderRun(
  text: string,
  from: number,
  glosses: readonly GlossUse[],
  kinds: ReadonlyMap<string, GlossKind> | undefined,
  sentenceId: string,
): string {
  let html = '';
  let position = 0;
  for (const gloss of glosses) {
    if (gloss.start < from || gloss.end > from + text.length) continue;
    const start = gloss.start - from;
    const end = gloss.end - from;
    const kind = kinds?.get(gloss.entry);
    if (!kind) throw new Error(`${sentenceId}: gloss of an unknown entry "${gloss.entry}"`);
    html +=
      escapeHtml(text.slice(position, start)) +
      `<a class="ne-gloss" href="#gloss-${gloss.entry}" aria-describedby="ne-gloss-hint-${kind}">` +
      `${escapeHtml(text.slice(start, end))}</a>`;
    position = end;
  }
  return html + escapeHtml(text.slice(position));
}

/** The Glossary and notes: entries grouped by kind, each with its sources and links back to its uses. */
function renderGlossary(edition: Edition, sentences: ReadonlyMap<string, Sentence>, blocks: ReadonlyMap<string, Block>): string {
  const intro =
    `<p>Background to words of the text, notes on claims a visitor cannot check alone, and short ` +
    `biographies of the people named. Each entry names its sources; they are this edition’s notes, ` +
    `not part of the document.</p>\n` +
    // Descriptions of the glossed words (aria-describedby), read after each word's name.
    GLOSS_KIND_ORDER.map((kind) => `<span hidden id="ne-gloss-hint-${kind}">${escapeHtml(GLOSS_KINDS[kind].hint)}</span>`).join('');
  const groups = GLOSS_KIND_ORDER.map((kind) => {
    const entries = edition.glossary.filter((g) => g.kind === kind);
    if (!entries.length) return '';
    return (
      `<h3 id="glossary-${kind}">${escapeHtml(GLOSS_KINDS[kind].group)}</h3>\n` +
      entries.map((entry) => renderGlossEntry(entry, sentences, blocks)).join('\n')
    );
  });
  return [intro, ...groups].filter(Boolean).join('\n');
}

function renderGlossEntry(entry: GlossEntry, sentences: ReadonlyMap<string, Sentence>, blocks: ReadonlyMap<string, Block>): string {
  const sources =
    `<p class="ne-gloss-sources-label">${entry.sources.length === 1 ? 'Source' : 'Sources'}:</p>\n` +
    `<ul class="ne-gloss-sources">${entry.sources.map((s) => `<li>${escapeHtml(s)}</li>`).join('')}</ul>`;
  const uses = entry.uses
    .map((id) => sentences.get(id))
    .filter((s): s is Sentence => Boolean(s))
    .map((s) => `<a href="#${s.id}">${escapeHtml(backTo(s, blocks))} (“${escapeHtml(firstWords(s.text))}”)</a>`);
  return (
    `<div class="ne-gloss-entry" id="gloss-${entry.id}" data-kind="${entry.kind}" data-kind-label="${escapeHtml(GLOSS_KINDS[entry.kind].label)}">\n` +
    `<h4 class="ne-gloss-term">${escapeHtml(entry.term)}</h4>\n` +
    `<p class="ne-gloss-text">${escapeHtml(entry.text)}</p>\n${sources}\n` +
    (uses.length ? `<p class="ne-gloss-uses">${uses.join(' ')}</p>\n` : '') +
    `</div>`
  );
}

/** Where a link back from the glossary goes, in words. */
function backTo(sentence: Sentence, blocks: ReadonlyMap<string, Block>): string {
  if (blocks.get(sentence.paragraph)?.role === 'notice') return 'Back to the content note';
  if (sentence.kind === 'apparatus') return 'Back to the source note';
  if (sentence.kind === 'editorial') return 'Back to the editor’s words';
  return 'Back to the text';
}

/** The first few words of a sentence, to tell links back apart. */
export function firstWords(text: string, count = 6): string {
  const words = text.trim().split(/\s+/);
  return words.length <= count ? words.join(' ') : `${words.slice(0, count).join(' ')}…`;
}

/** A version stamp `<version>+<YYYYMMDD>` in words, or null without a stamp (or a malformed one). */
export function describeVersion(version: string | undefined): { number: string; iso: string; long: string } | null {
  const match = version ? /^(.+)\+(\d{4})(\d{2})(\d{2})$/.exec(version) : null;
  if (!match) return null;
  const [, number, year, month, day] = match;
  const date = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
  if (date.getUTCMonth() !== Number(month) - 1) return null;
  const monthName = date.toLocaleString('en-GB', { month: 'long', timeZone: 'UTC' });
  return { number, iso: `${year}-${month}-${day}`, long: `${Number(day)} ${monthName} ${year}` };
}

/**
 * "Cite this edition": title, translator, edition name, version and build date, and the page's
 * address (the build's base URL when it knows one; the page script fills in its own address). The
 * copy button stays hidden until the script runs.
 */
function renderCitation(edition: Edition, version: ReturnType<typeof describeVersion>, pageUrl: string | undefined): string {
  const translator = edition.blocks
    .filter((b) => b.role === 'translator')
    .flatMap((b) => b.sentenceIds)
    .map((id) => edition.sentences.find((s) => s.id === id)?.text ?? '')
    .join(' ')
    .replace(/\.$/, '');
  const versionText = version
    ? `, version ${escapeHtml(edition.version!)}, built <time datetime="${version.iso}">${version.long}</time>`
    : '';
  const address = pageUrl ? escapeHtml(pageUrl) : 'the address of this page';
  return (
    `\n<div class="ne-cite ne-editorial" id="cite">\n` +
    `<h3 id="cite-heading">Cite this edition</h3>\n` +
    `<p class="ne-cite-text" id="cite-text">${escapeHtml(`${edition.title} ${edition.dateline}`)}. ` +
    (translator ? `${escapeHtml(translator)}. ` : '') +
    `${EDITION_NAME}${versionText}. Available at: <span class="ne-cite-url">${address}</span>.</p>\n` +
    `<p class="ne-cite-actions"><button type="button" class="ne-button ne-copy-citation" hidden>Copy citation</button> ` +
    `<span class="ne-copy-status" aria-live="polite"></span></p>\n</div>`
  );
}
