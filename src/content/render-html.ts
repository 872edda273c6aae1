/**
 * Renders the edition model to static, semantic HTML at build time, so the whole text reads with
 * JavaScript off, in reader modes and in search. Every sentence is an element with `data-sid`
 * (a public interface); dialogue turns name their speaker in text. Pure string building: no DOM.
 */
import type { Block, Edition, Sentence, SpeakerId } from './model.ts';

/** The pieces of the page the HTML template fills in. */
export interface RenderedEdition {
  /** Text for `<title>`. */
  documentTitle: string;
  /** Title and date line: goes inside the page `<header>`. */
  masthead: string;
  /** Editor's note, cast list, the text by sections, and the source matter: goes inside `<main>`. */
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
  /** Plain-text credit for the synthetic voices, e.g. "flite (rms, awb), festival (slt)". */
  voices: string;
}

/** Renders the whole edition. */
export function renderEditionHtml(edition: Edition, downloads?: NarrationDownloads): RenderedEdition {
  const sentences = new Map(edition.sentences.map((s) => [s.id, s]));
  const blocksOf = (role: Block['role']) => edition.blocks.filter((b) => b.role === role);
  const sentenceHtml = (block: Block) =>
    block.sentenceIds.map((id) => renderSentence(sentences.get(id)!)).join(' ');

  const [title] = blocksOf('title');
  const [dateline] = blocksOf('dateline');
  const masthead =
    `<h1 class="ne-title" id="top" data-block="${title.id}">${sentenceHtml(title)}</h1>\n` +
    `<p class="ne-dateline" data-block="${dateline.id}">${sentenceHtml(dateline)}</p>`;

  const editorNote = section(
    'editor-note',
    'Editor’s note',
    blocksOf('editor-note').map((b) => `<p data-block="${b.id}">${sentenceHtml(b)}</p>`).join('\n'),
    'ne-editorial ne-editor-note',
  );

  const cast = section(
    'cast',
    'Who speaks',
    '<dl class="ne-cast">\n' +
      edition.cast
        .map((id) => {
          const speaker = edition.speakers[id];
          return `<div data-speaker="${id}"><dt>${escapeHtml(speaker.name)}</dt><dd>${escapeHtml(speaker.description)}</dd></div>`;
        })
        .join('\n') +
      '\n</dl>',
    'ne-editorial ne-cast-list',
  );

  const bodySections = edition.sections
    .filter((s) => s.id !== 'front' && s.id !== 'back')
    .map((s, index) => renderBodySection(edition, s.id, index === 0, sentenceHtml))
    .join('\n');

  const back = edition.blocks.filter((b) => b.section === 'back');
  const originalNote = back
    .filter((b) => b.role === 'source-note' || b.role === 'citation' || b.role === 'translator')
    .map((b) => `<p class="ne-${b.role}" data-block="${b.id}">${sentenceHtml(b)}</p>`)
    .join('\n');
  const aboutSource = back
    .filter((b) => b.role === 'about-source')
    .map((b) => `<p data-block="${b.id}">${sentenceHtml(b)}</p>`)
    .join('\n');
  const takeAway = downloads
    ? `<h3 class="ne-editorial">Recorded narration</h3>\n<div class="ne-editorial ne-downloads">\n` +
      `<p>The recorded narration uses synthetic voices (${escapeHtml(downloads.voices)}), one per speaker.</p>\n` +
      `<ul>\n<li><a href="${escapeHtml(downloads.mp3)}" download>Download the narration (MP3)</a></li>\n` +
      `<li><a href="${escapeHtml(downloads.transcript)}" download>Download the timed transcript (WebVTT)</a></li>\n</ul>\n</div>`
    : '';
  const sourceSection = section(
    'source',
    'Source and credits',
    `<div class="ne-original-apparatus">\n${originalNote}\n</div>\n` +
      `<h3 class="ne-editorial">About this source <span class="ne-visually-hidden">(editor)</span></h3>\n` +
      `<div class="ne-editorial">\n${aboutSource}\n</div>\n${takeAway}`,
    'ne-source',
  );

  return {
    documentTitle: `${edition.title} ${edition.dateline} – narrated edition`,
    masthead,
    main: [editorNote, cast, `<div class="ne-text" id="text">\n${bodySections}\n</div>`, sourceSection].join('\n'),
  };
}

function section(id: string, heading: string, content: string, className: string): string {
  return (
    `<section class="${className}" aria-labelledby="${id}-heading">\n` +
    `<h2 id="${id}-heading">${escapeHtml(heading)}</h2>\n${content}\n</section>`
  );
}

function renderBodySection(
  edition: Edition,
  sectionId: string,
  first: boolean,
  sentenceHtml: (block: Block) => string,
): string {
  const blocks = edition.blocks.filter((b) => b.section === sectionId);
  const heading = blocks.find((b) => b.role === 'heading');
  let previousSpeaker: SpeakerId | undefined;
  const parts: string[] = [];
  for (const block of blocks) {
    if (block.role === 'heading') continue;
    if (block.role === 'notice') {
      parts.push(
        `<p class="ne-notice ne-editorial" data-block="${block.id}"><strong class="ne-notice-label">Content note:</strong> ${sentenceHtml(block)}</p>`,
      );
      continue;
    }
    const showLabel = block.role === 'turn' || block.speaker !== previousSpeaker;
    previousSpeaker = block.speaker;
    parts.push(renderParagraph(edition, block, showLabel, sentenceHtml(block)));
  }
  const headingHtml = heading
    ? `<h2 class="ne-section-heading" id="${sectionId}"><span class="ne-bracket" aria-hidden="true">[</span>${sentenceHtml(heading)}<span class="ne-bracket" aria-hidden="true">]</span></h2>`
    : '';
  return (
    `<section class="ne-section${first ? ' ne-section-first' : ''}" aria-labelledby="${sectionId}">\n` +
    `${headingHtml}\n${parts.join('\n')}\n</section>`
  );
}

function renderParagraph(edition: Edition, block: Block, showLabel: boolean, content: string): string {
  const name = edition.speakers[block.speaker].name;
  const label = showLabel
    ? `<span class="ne-speaker" data-speaker="${block.speaker}">${block.uncertain ? 'Probably ' : ''}${escapeHtml(name)}<span class="ne-visually-hidden">:</span></span> `
    : '';
  const note = block.uncertain
    ? `\n<p class="ne-attribution-note ne-editorial" id="${block.id}-note"><span class="ne-visually-hidden">Editor: </span>${escapeHtml(block.uncertain)}</p>`
    : '';
  const describedBy = block.uncertain ? ` aria-describedby="${block.id}-note"` : '';
  return (
    `<p class="ne-${block.role}${showLabel ? ' ne-labelled' : ''}" data-block="${block.id}" data-speaker="${block.speaker}"${describedBy}>` +
    `${label}${content}</p>${note}`
  );
}

/**
 * One sentence element; speaker runs that differ from the sentence's own speaker get their own span.
 * The sentence id is also the element id, so `#<sentence id>` links work even without JavaScript.
 */
export function renderSentence(sentence: Sentence): string {
  const attrs =
    `class="ne-s" id="${sentence.id}" data-sid="${sentence.id}" data-speaker="${sentence.speaker}"` +
    (sentence.uncertain ? ' data-uncertain=""' : '');
  const inner =
    sentence.spans.length <= 1
      ? escapeHtml(sentence.text)
      : sentence.spans
          .map((span) =>
            span.speaker === sentence.speaker
              ? escapeHtml(span.text)
              : `<span class="ne-span" data-speaker="${span.speaker}">${escapeHtml(span.text)}</span>`,
          )
          .join('');
  return `<span ${attrs}>${inner}</span>`;
}
