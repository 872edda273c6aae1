/**
 * The EPUB 3 talking book, as text: package document, nav, XHTML content documents, SMIL Media
 * Overlays (a `<par>` per sentence, clip times from the narration's manifest) and CSS, all built
 * from the Edition and the audio manifest. Pure string building: no DOM, no file system; the
 * writer (`src/build/epub-writer.ts`) zips these files with the MP3.
 */
import type { Block, Edition, GlossEntry, Sentence, SpeakerId } from '../content/model.ts';
import { fnv1a32 } from '../content/ids.ts';
import { EDITION_NAME, describeVersion, firstWords } from '../content/render-html.ts';
import type { AudioManifest } from '../narration/audio-manifest.ts';

/** One file of the book, with its path inside the container. */
export interface EpubTextFile {
  path: string;
  text: string;
}

/** The book's files: text built here, and the audio the writer copies in. */
export interface EpubBook {
  /** `mimetype` first, then `META-INF/container.xml`, then the package's files. */
  files: EpubTextFile[];
  /** Where the narration MP3 goes in the container. */
  audioPath: string;
}

/** Options for {@link buildEpubBook}. */
export interface EpubOptions {
  /** `dcterms:modified`: when the book was built (UTC, to the second). */
  modified: Date;
  /**
   * Plain-text credit for the synthetic voices, e.g. "flite (rms, awb), festival (slt)"; unused when
   * the manifest is a human narrator's recording (`manifest.recording`): the book names them instead.
   */
  voices: string;
}

/** The class a reading system adds to the sentence being read (`media:active-class`). */
export const ACTIVE_CLASS = '-epub-media-overlay-active';
/** The folder of the package inside the container. */
export const PACKAGE_DIR = 'OEBPS';
/** The narration's path relative to the package document. */
export const AUDIO_HREF = 'audio/narration.mp3';

/** A content document of the book and which sentences it holds (those that get a SMIL `par`). */
interface ContentDocument {
  id: string;
  href: string;
  title: string;
  body: string;
  sentenceIds: string[];
  /** Landmark type in the nav document, when it is one. */
  landmark?: string;
}

const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&#34;' };

/** Escapes text for XML content and (double-quoted) attribute values, with no named entity but `&amp;`, `&lt;`, `&gt;`. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => XML_ESCAPES[c]!);
}

const XHTML_NS = 'xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops"';

/** Formats milliseconds as a SMIL clock value `h:mm:ss.fff`. */
export function clockValue(ms: number): string {
  const total = Math.round(ms);
  const hours = Math.floor(total / 3_600_000);
  const minutes = Math.floor((total % 3_600_000) / 60_000);
  const seconds = Math.floor((total % 60_000) / 1000);
  const millis = total % 1000;
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  return `${hours}:${pad(minutes)}:${pad(seconds)}.${pad(millis, 3)}`;
}

/** A UUID (RFC 4122 layout, version 5 bits) derived from the text, so a rebuild keeps the book's identifier. */
export function stableUuid(seed: string): string {
  const hex = [0, 1, 2, 3].map((i) => fnv1a32(`${i}:${seed}`).toString(16).padStart(8, '0')).join('');
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** Builds every text file of the talking book. */
export function buildEpubBook(edition: Edition, manifest: AudioManifest, options: EpubOptions): EpubBook {
  const sentences = new Map(edition.sentences.map((s) => [s.id, s]));
  const missing = edition.sentences.filter((s) => !manifest.sentences[s.id]).map((s) => s.id);
  if (missing.length) throw new Error(`EPUB: the narration's manifest lacks ${missing.length} sentence(s): ${missing.join(', ')}`);

  const documents = contentDocuments(edition, sentences, readerSentence(options.voices, manifest.recording?.narrator));
  const fileOf = new Map<string, string>();
  for (const doc of documents) for (const id of doc.sentenceIds) fileOf.set(id, doc.href);
  // Gloss links and links back are cross-document: resolve them once every sentence has a file.
  const resolveLinks = (body: string) =>
    body
      .replace(/href="#gloss-/g, 'href="glossary.xhtml#gloss-')
      .replace(/href="#(s-[\w-]+)"/g, (_, id: string) => `href="${fileOf.get(id) ?? ''}#${id}"`);

  const files: EpubTextFile[] = [
    { path: 'mimetype', text: 'application/epub+zip' },
    { path: 'META-INF/container.xml', text: containerXml() },
  ];
  const overlays: Array<{ doc: ContentDocument; durationMs: number }> = [];
  for (const doc of documents) {
    files.push({ path: `${PACKAGE_DIR}/${doc.href}`, text: xhtmlDocument(doc.title, `<main>\n${resolveLinks(doc.body)}\n</main>`, bodyIdOf(doc)) });
    if (doc.sentenceIds.length) {
      const { smil, durationMs } = smilDocument(doc, manifest);
      files.push({ path: `${PACKAGE_DIR}/${smilHref(doc)}`, text: smil });
      overlays.push({ doc, durationMs });
    }
  }
  files.push({ path: `${PACKAGE_DIR}/nav.xhtml`, text: navDocument(edition, documents) });
  files.push({ path: `${PACKAGE_DIR}/edition.css`, text: EPUB_CSS });
  files.push({ path: `${PACKAGE_DIR}/package.opf`, text: packageDocument(edition, documents, overlays, options, manifest.recording?.narrator) });
  return { files, audioPath: `${PACKAGE_DIR}/${AUDIO_HREF}` };
}

/** The id of a content document's `<body>`: the target of its overlay's `seq`. */
function bodyIdOf(doc: ContentDocument): string {
  return `${doc.id}-body`;
}

function smilHref(doc: ContentDocument): string {
  return `${doc.id}.smil`;
}

function containerXml(): string {
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">\n` +
    `<rootfiles><rootfile full-path="${PACKAGE_DIR}/package.opf" media-type="application/oebps-package+xml"/></rootfiles>\n` +
    `</container>\n`
  );
}

function xhtmlDocument(title: string, body: string, bodyId: string): string {
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE html>\n` +
    `<html ${XHTML_NS} xml:lang="en" lang="en">\n<head>\n<meta charset="UTF-8"/>\n` +
    `<title>${escapeXml(title)}</title>\n<link rel="stylesheet" type="text/css" href="edition.css"/>\n</head>\n` +
    `<body id="${bodyId}">\n${body}\n</body>\n</html>\n`
  );
}

/** The book's reading order: front matter, the text, the glossary and notes, the source and credits. */
function contentDocuments(edition: Edition, sentences: ReadonlyMap<string, Sentence>, credit: string): ContentDocument[] {
  const blocksOf = (role: Block['role']) => edition.blocks.filter((b) => b.role === role);
  const collected: string[] = [];
  const sentenceXhtml = (block: Block) => {
    collected.push(...block.sentenceIds);
    return block.sentenceIds.map((id) => renderSentence(edition, sentences.get(id)!)).join(' ');
  };
  const take = () => collected.splice(0, collected.length);

  // Front: title, date line, the editor's note, who speaks.
  const [title] = blocksOf('title');
  const [dateline] = blocksOf('dateline');
  const front =
    `<section epub:type="titlepage" aria-labelledby="top">\n` +
    `<h1 id="top">${title ? sentenceXhtml(title) : escapeXml(edition.title)}</h1>\n` +
    (dateline ? `<p class="dateline">${sentenceXhtml(dateline)}</p>\n` : '') +
    `</section>\n` +
    `<section epub:type="foreword" role="doc-foreword" id="editor-note" aria-labelledby="editor-note-heading">\n` +
    `<h2 id="editor-note-heading">Editor’s note</h2>\n` +
    blocksOf('editor-note').map((b) => `<p>${sentenceXhtml(b)}</p>`).join('\n') +
    `\n</section>\n` +
    `<section id="cast" aria-labelledby="cast-heading">\n<h2 id="cast-heading">Who speaks</h2>\n<dl class="cast">\n` +
    edition.cast
      .map((id) => `<dt>${escapeXml(edition.speakers[id].name)}</dt>\n<dd>${escapeXml(edition.speakers[id].description)}</dd>`)
      .join('\n') +
    `\n</dl>\n<p>Each turn of the dialogue begins with its speaker’s name. Linked words lead to the Glossary and notes.</p>\n</section>`;
  const frontDoc: ContentDocument = { id: 'front', href: 'front.xhtml', title: 'Title and editor’s note', body: front, sentenceIds: take() };

  // The text, section by section, with speaker labels and the content notice.
  const body = edition.sections
    .filter((s) => s.id !== 'front' && s.id !== 'back')
    .map((section) => renderBodySection(edition, section.id, sentenceXhtml))
    .join('\n');
  const textDoc: ContentDocument = {
    id: 'text',
    href: 'text.xhtml',
    title: edition.title,
    body:
      `<section epub:type="bodymatter chapter" role="doc-chapter" id="text" aria-labelledby="text-heading">\n` +
      `<h1 id="text-heading">${escapeXml(edition.title)}</h1>\n${body}\n</section>`,
    sentenceIds: take(),
    landmark: 'bodymatter',
  };

  const glossaryDoc: ContentDocument = {
    id: 'glossary',
    href: 'glossary.xhtml',
    title: 'Glossary and notes',
    body: renderGlossary(edition, sentences),
    sentenceIds: [],
    landmark: 'glossary',
  };

  const sourceDoc: ContentDocument = {
    id: 'source',
    href: 'source.xhtml',
    title: 'Source and credits',
    body: `${renderSource(edition, sentenceXhtml)}\n${creditsXhtml(edition, credit)}`,
    sentenceIds: take(),
  };
  return [frontDoc, textDoc, ...(edition.glossary.length ? [glossaryDoc] : []), sourceDoc];
}

/** A sentence: `<span id="s-…">` with its text exactly, glossed words linked to the glossary. */
function renderSentence(edition: Edition, sentence: Sentence): string {
  const kinds = new Map(edition.glossary.map((g) => [g.id, g.kind]));
  let html = '';
  let position = 0;
  for (const gloss of sentence.glosses ?? []) {
    const type = kinds.get(gloss.entry) === 'note' ? 'noteref' : 'glossref';
    // Each epub:type with its DPUB-ARIA role, for assistive technologies that read the roles only.
    html +=
      escapeXml(sentence.text.slice(position, gloss.start)) +
      `<a epub:type="${type}" role="doc-${type}" href="#gloss-${gloss.entry}">${escapeXml(sentence.text.slice(gloss.start, gloss.end))}</a>`;
    position = gloss.end;
  }
  html += escapeXml(sentence.text.slice(position));
  return `<span class="s" id="${sentence.id}">${html}</span>`;
}

function renderBodySection(edition: Edition, sectionId: string, sentenceXhtml: (block: Block) => string): string {
  const blocks = edition.blocks.filter((b) => b.section === sectionId);
  const heading = blocks.find((b) => b.role === 'heading');
  // The heading first: the overlay follows the order sentences are rendered in.
  const headingXhtml = heading ? `<h2 id="${sectionId}">[${sentenceXhtml(heading)}]</h2>` : '';
  let previousLabel: string | undefined;
  const parts: string[] = [];
  for (const block of blocks) {
    if (block.role === 'heading') continue;
    if (block.role === 'notice') {
      parts.push(
        `<aside epub:type="notice" role="note" class="notice" id="${block.id}" aria-labelledby="${block.id}-heading">\n` +
          `<p class="notice-label" id="${block.id}-heading"><strong>Content note</strong></p>\n<p>${sentenceXhtml(block)}</p>\n</aside>`,
      );
      continue;
    }
    const labelKey = `${block.speaker}${block.uncertain ? '?' : ''}`;
    const showLabel = block.role === 'turn' || labelKey !== previousLabel;
    previousLabel = labelKey;
    const name = edition.speakers[block.speaker as SpeakerId].name;
    const label = showLabel ? `<strong class="speaker">${block.uncertain ? 'Probably ' : ''}${escapeXml(name)}:</strong> ` : '';
    parts.push(`<p class="${block.role}">${label}${sentenceXhtml(block)}</p>`);
    if (block.uncertain) parts.push(`<p class="attribution-note">Editor: ${escapeXml(block.uncertain)}</p>`);
  }
  return `<section aria-labelledby="${sectionId}">\n${headingXhtml}\n${parts.join('\n')}\n</section>`;
}

/** Terms and people as a glossary (`dl`, glossterm/glossdef); the editor's notes as endnotes. */
function renderGlossary(edition: Edition, sentences: ReadonlyMap<string, Sentence>): string {
  const backLinks = (entry: GlossEntry) => {
    const uses = entry.uses
      .map((id) => sentences.get(id))
      .filter((s): s is Sentence => Boolean(s))
      .map((s) => `<a href="#${s.id}">Back to the text (“${escapeXml(firstWords(s.text))}”)</a>`);
    return uses.length ? `<p class="backlinks">${uses.join(' ')}</p>` : '';
  };
  const sources = (entry: GlossEntry) =>
    `<p class="sources">${entry.sources.length === 1 ? 'Source' : 'Sources'}: ${entry.sources.map(escapeXml).join('; ')}.</p>`;
  const glossaryGroup = (kind: 'term' | 'person', heading: string) => {
    const entries = edition.glossary.filter((g) => g.kind === kind);
    if (!entries.length) return '';
    return (
      `<section epub:type="glossary" role="doc-glossary" id="glossary-${kind}" aria-labelledby="glossary-${kind}-heading">\n` +
      `<h2 id="glossary-${kind}-heading">${heading}</h2>\n<dl>\n` +
      entries
        .map(
          (e) =>
            `<dt epub:type="glossterm" id="gloss-${e.id}"><dfn>${escapeXml(e.term)}</dfn></dt>\n` +
            `<dd epub:type="glossdef"><p>${escapeXml(e.text)}</p>${sources(e)}${backLinks(e)}</dd>`,
        )
        .join('\n') +
      `\n</dl>\n</section>`
    );
  };
  const notes = edition.glossary.filter((g) => g.kind === 'note');
  const endnotes = notes.length
    ? `<section epub:type="endnotes" role="doc-endnotes" id="glossary-note" aria-labelledby="glossary-note-heading">\n` +
      `<h2 id="glossary-note-heading">Editor’s notes</h2>\n<ol>\n` +
      notes
        .map(
          (e) =>
            `<li epub:type="endnote" id="gloss-${e.id}"><p><strong>${escapeXml(e.term)}</strong>: ${escapeXml(e.text)}</p>` +
            `${sources(e)}${backLinks(e)}</li>`,
        )
        .join('\n') +
      `\n</ol>\n</section>`
    : '';
  return (
    `<h1 id="glossary-heading">Glossary and notes</h1>\n<p>Background to words of the text, notes on claims a reader cannot check alone, and short ` +
    `biographies of the people named. Each entry names its sources; they are this edition’s notes, not part of the document.</p>\n` +
    [glossaryGroup('term', 'Terms'), endnotes, glossaryGroup('person', 'People named in the text')].filter(Boolean).join('\n')
  );
}

/** The source note, the citations and translator, about this source, the version and the credits. */
function renderSource(edition: Edition, sentenceXhtml: (block: Block) => string): string {
  const back = edition.blocks.filter((b) => b.section === 'back');
  const original = back
    .filter((b) => b.role === 'source-note' || b.role === 'citation' || b.role === 'translator')
    .map((b) => `<p class="${b.role}">${sentenceXhtml(b)}</p>`)
    .join('\n');
  const about = back
    .filter((b) => b.role === 'about-source')
    .map((b) => `<p>${sentenceXhtml(b)}</p>`)
    .join('\n');
  const version = describeVersion(edition.version);
  return (
    `<section epub:type="backmatter" id="source" aria-labelledby="source-heading">\n<h1 id="source-heading">Source and credits</h1>\n` +
    `${original}\n<h2>About this source</h2>\n${about}\n` +
    (version ? `<p>${EDITION_NAME}, version ${escapeXml(version.number)}, built ${version.long}.</p>\n` : '') +
    `</section>`
  );
}

/** Who reads the recorded narration (plain text): the narrator of a recording, or the synthetic voices. */
function readerSentence(voices: string, narrator: string | undefined): string {
  return narrator ? `The recorded narration is read by ${narrator}` : `The recorded narration uses synthetic voices (${voices}), one per speaker`;
}

/** Who made the recording (`credit`, from `readerSentence`), and the notes for those publishing the edition. */
function creditsXhtml(edition: Edition, credit: string): string {
  return (
    `<section epub:type="credits" role="doc-credits" id="credits" aria-labelledby="credits-heading">\n<h2 id="credits-heading">Credits</h2>\n` +
    `<p>${escapeXml(credit)}; each sentence is highlighted as it is read.</p>\n` +
    edition.deployerNotes.map((note) => `<p>${escapeXml(note)}</p>`).join('\n') +
    `\n</section>`
  );
}

function smilDocument(doc: ContentDocument, manifest: AudioManifest): { smil: string; durationMs: number } {
  let durationMs = 0;
  const pars = doc.sentenceIds.map((id, index) => {
    const clip = manifest.sentences[id]!;
    durationMs += clip.end - clip.start;
    return (
      `<par id="par-${index + 1}"><text src="${doc.href}#${id}"/>` +
      `<audio src="${AUDIO_HREF}" clipBegin="${clockValue(clip.start)}" clipEnd="${clockValue(clip.end)}"/></par>`
    );
  });
  const smil =
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<smil xmlns="http://www.w3.org/ns/SMIL" xmlns:epub="http://www.idpf.org/2007/ops" version="3.0">\n<body>\n` +
    `<seq id="seq-${doc.id}" epub:textref="${doc.href}#${bodyIdOf(doc)}">\n${pars.join('\n')}\n</seq>\n</body>\n</smil>\n`;
  return { smil, durationMs };
}

function navDocument(edition: Edition, documents: readonly ContentDocument[]): string {
  const sections = edition.sections.filter((s) => s.id !== 'front' && s.id !== 'back');
  const item = (href: string, text: string) => `<li><a href="${href}">${escapeXml(text)}</a></li>`;
  const toc = documents
    .map((doc) => {
      if (doc.id !== 'text') return item(doc.href, doc.title);
      return (
        `<li><a href="text.xhtml">The text</a>\n<ol>\n` +
        sections.map((s) => item(`text.xhtml#${s.id}`, s.heading)).join('\n') +
        `\n</ol></li>`
      );
    })
    .join('\n');
  const landmarks = [
    `<li><a epub:type="toc" href="nav.xhtml#toc">Contents</a></li>`,
    ...documents
      .filter((d) => d.landmark)
      .map((d) => `<li><a epub:type="${d.landmark}" href="${d.href}">${escapeXml(d.landmark === 'bodymatter' ? 'The text' : d.title)}</a></li>`),
  ];
  return xhtmlDocument(
    'Contents',
    `<nav epub:type="toc" role="doc-toc" id="toc" aria-labelledby="toc-heading">\n<h1 id="toc-heading">Contents</h1>\n<ol>\n${toc}\n</ol>\n</nav>\n` +
      `<nav epub:type="landmarks" id="landmarks" hidden="hidden" aria-labelledby="landmarks-heading">\n<h2 id="landmarks-heading">Landmarks</h2>\n<ol>\n${landmarks.join('\n')}\n</ol>\n</nav>`,
    'nav-body',
  );
}

/** The text of every block with `role`, its sentences joined by spaces. */
function textOfBlocks(edition: Edition, role: Block['role']): string {
  return edition.blocks
    .filter((b) => b.role === role)
    .flatMap((b) => b.sentenceIds)
    .map((id) => edition.sentences.find((s) => s.id === id)?.text ?? '')
    .join(' ');
}

/** The translator's name from the translator block ("Translated from the Russian by X"), if any. */
function translatorName(edition: Edition): string | undefined {
  return /\bby\s+(.+?)\.?$/.exec(textOfBlocks(edition, 'translator').trim())?.[1];
}

/** Whose diaries the text presents itself as ("Extracts from the diaries of X, …"), if the source note says. */
function diaristName(edition: Edition): string | undefined {
  const text = textOfBlocks(edition, 'source-note');
  return /diaries of ([^,;.]+(?:\.[^,;.]+)*?)(?:,|;|$)/.exec(text)?.[1]?.trim();
}

/** The conformance claim (EPUB Accessibility 1.1). */
export const CONFORMS_TO = 'EPUB Accessibility 1.1 - WCAG 2.2 Level AA';

/** The accessibility summary (plain words, for people choosing a book); `narrator` when a person reads it. */
export function accessibilitySummary(narrator?: string): string {
  return (
    'The full text is included as structured, reflowable text with headings, a table of contents and landmarks; ' +
    `each dialogue turn names its speaker in text. A recorded narration of the whole text (${narrator ? `read by ${narrator}` : 'synthetic voices'}) is ` +
    'synchronised sentence by sentence with the text (Media Overlays), so the book can be read by eye, by ear or both. ' +
    'The book sets no fonts, colours or fixed sizes: the reading system’s settings apply. No images, no hazards.'
  );
}

/** The accessibility summary of a book read by synthetic voices. */
export const ACCESSIBILITY_SUMMARY = accessibilitySummary();

function packageDocument(
  edition: Edition,
  documents: readonly ContentDocument[],
  overlays: ReadonlyArray<{ doc: ContentDocument; durationMs: number }>,
  options: EpubOptions,
  narrator: string | undefined,
): string {
  const totalMs = overlays.reduce((sum, o) => sum + o.durationMs, 0);
  const modified = options.modified.toISOString().replace(/\.\d{3}Z$/, 'Z');
  const translator = translatorName(edition);
  const diarist = diaristName(edition);
  const meta = (property: string, value: string, refines?: string) =>
    `<meta property="${property}"${refines ? ` refines="#${refines}"` : ''}>${escapeXml(value)}</meta>`;
  const metadata = [
    `<dc:identifier id="uid">urn:uuid:${stableUuid(`${edition.title} ${edition.dateline} ${EDITION_NAME}`)}</dc:identifier>`,
    `<dc:title id="title">${escapeXml(`${edition.title} ${edition.dateline}`)}</dc:title>`,
    `<dc:language>en</dc:language>`,
    meta('dcterms:modified', modified),
    `<dc:publisher>${escapeXml(EDITION_NAME)}</dc:publisher>`,
    ...(edition.version ? [meta('schema:version', edition.version)] : []),
    // "Attributed to": the editor's note says the diaries' authenticity is disputed; the book's
    // author line must not say more than the edition does.
    ...(diarist ? [`<dc:creator id="creator">${escapeXml(`Attributed to ${diarist}`)}</dc:creator>`, meta('role', 'aut', 'creator')] : []),
    ...(translator
      ? [`<dc:contributor id="translator">${escapeXml(translator)}</dc:contributor>`, meta('role', 'trl', 'translator')]
      : []),
    `<dc:contributor id="narrator">${escapeXml(narrator ?? `Synthetic voices: ${options.voices}`)}</dc:contributor>`,
    meta('role', 'nrt', 'narrator'),
    // EPUB Accessibility 1.1 (schema.org accessibility properties).
    meta('schema:accessMode', 'textual'),
    meta('schema:accessMode', 'auditory'),
    meta('schema:accessModeSufficient', 'textual'),
    meta('schema:accessModeSufficient', 'auditory'),
    meta('schema:accessModeSufficient', 'textual,auditory'),
    ...['synchronizedAudioText', 'structuralNavigation', 'readingOrder', 'tableOfContents', 'displayTransformability'].map((f) =>
      meta('schema:accessibilityFeature', f),
    ),
    meta('schema:accessibilityHazard', 'none'),
    meta('schema:accessibilitySummary', accessibilitySummary(narrator)),
    // Self-assessed: EPUBCheck (0 errors, 0 warnings) and axe-core (WCAG 2.2 A/AA rules, no violation) on
    // every content document, headings, landmarks, language, text-only dialogue labels; no third-party audit.
    meta('dcterms:conformsTo', CONFORMS_TO),
    meta('a11y:certifiedBy', `${EDITION_NAME} (self-assessed)`),
    // Media Overlays.
    ...overlays.map((o) => meta('media:duration', clockValue(o.durationMs), `mo-${o.doc.id}`)),
    meta('media:duration', clockValue(totalMs)),
    meta('media:active-class', ACTIVE_CLASS),
  ];
  const items = [
    `<item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>`,
    `<item id="css" href="edition.css" media-type="text/css"/>`,
    `<item id="narration" href="${AUDIO_HREF}" media-type="audio/mpeg"/>`,
    ...documents.map((doc) => {
      const overlay = overlays.some((o) => o.doc === doc) ? ` media-overlay="mo-${doc.id}"` : '';
      return `<item id="${doc.id}" href="${doc.href}" media-type="application/xhtml+xml"${overlay}/>`;
    }),
    ...overlays.map((o) => `<item id="mo-${o.doc.id}" href="${smilHref(o.doc)}" media-type="application/smil+xml"/>`),
  ];
  // The nav document is in the spine (not in the reading order) so the Contents landmark may point to it.
  const spine = [...documents.map((doc) => `<itemref idref="${doc.id}"/>`), `<itemref idref="nav" linear="no"/>`];
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="uid" xml:lang="en">\n` +
    `<metadata xmlns:dc="http://purl.org/dc/elements/1.1/">\n${metadata.join('\n')}\n</metadata>\n` +
    `<manifest>\n${items.join('\n')}\n</manifest>\n<spine>\n${spine.join('\n')}\n</spine>\n</package>\n`
  );
}

/**
 * The book's stylesheet: structure only. No font families, no colours, no backgrounds and no
 * absolute sizes, so the reading system's and the reader's settings (fonts, themes, sizes) apply.
 */
export const EPUB_CSS = `/* Structure only: fonts, colours and sizes are the reading system's and the reader's. */
h1, h2 { line-height: 1.25; }
.dateline { font-style: italic; }
.speaker { font-weight: bold; }
.notice { margin: 1em 0; padding: 0.5em 1em; border: thin solid; }
.notice-label { margin-top: 0; }
.attribution-note, .sources, .backlinks { font-size: 0.9em; }
dfn { font-style: normal; font-weight: bold; }
dd { margin-left: 1.5em; margin-bottom: 1em; }
/* Contents links: targets at least 1.5em (24 CSS px at the default size) high. */
nav li { margin: 0.25em 0; }
nav a { display: inline-block; min-height: 1.5em; min-width: 1.5em; line-height: 1.5; }
/* The sentence being read aloud: an outline in the text's own colour (never colour alone). */
.${ACTIVE_CLASS} { outline: 0.125em solid; outline-offset: 0.1em; text-decoration: underline; }
`;
