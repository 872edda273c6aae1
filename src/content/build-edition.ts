/**
 * Builds the document model (`Edition`) from the annotated source: parse, put blocks in reading
 * order, segment each block into sentences, split sentences into speaker runs, attribute each
 * sentence and block to whoever speaks most of its characters, and assign stable ids.
 * Pure: no fs, no DOM.
 */
import { AnnotationError } from './errors.ts';
import { attachGlossary, parseGlossary } from './glossary.ts';
import { assignIds, blockId, sectionSlug, sentenceId } from './ids.ts';
import type { Block, BlockRole, Edition, Section, Sentence, SentenceKind, Speaker, SpeakerId, SpeakerSpan } from './model.ts';
import { parseAnnotated, type ParsedBlock, type ParsedDocument } from './parse.ts';
import { segmentSentences } from './segment.ts';

/** Kind of the sentences of each block role. */
export const KIND_OF: Readonly<Record<BlockRole, SentenceKind>> = {
  prose: 'body',
  turn: 'body',
  title: 'apparatus',
  dateline: 'apparatus',
  'source-note': 'apparatus',
  citation: 'apparatus',
  translator: 'apparatus',
  'editor-note': 'editorial',
  heading: 'editorial',
  notice: 'editorial',
  'about-source': 'editorial',
};

/** A speaker run over `[start, end)` of a block's displayed text. */
interface Run {
  start: number;
  end: number;
  speaker: SpeakerId;
  uncertain: boolean;
}

/** A block's sentences before ids are assigned. */
interface Draft {
  block: ParsedBlock;
  section: string;
  speaker: SpeakerId;
  sentences: { text: string; spans: SpeakerSpan[]; speaker: SpeakerId; uncertain?: string }[];
}

/**
 * Builds the edition from an annotated source.
 * @param source the text of a `*.edition.md` file
 * @param file repo-relative file name for error messages
 * @param glossary the text and file name of the matching `*.glossary.md`, if any
 * @throws AnnotationError (`file:line: message`) on any syntax or semantic mistake
 */
export function buildEdition(source: string, file: string, glossary?: { source: string; file: string }): Edition {
  const doc = parseAnnotated(source, file);
  const speakers = speakerMap(doc);
  const { sections, ordered } = readingOrder(doc);

  const drafts: Draft[] = ordered.map(({ block, section }) => draftBlock(block, section, speakers, file));
  const sentenceIds = assignIds(drafts.flatMap((d) => d.sentences.map((s) => s.text)), sentenceId);
  const blockIds = assignIds(drafts.map((d) => d.sentences[0]!.text), blockId);

  const blocks: Block[] = [];
  const sentences: Sentence[] = [];
  drafts.forEach((draft, index) => {
    const id = blockIds[index]!;
    const block: Block = {
      id,
      role: draft.block.role,
      speaker: draft.speaker,
      sentenceIds: [],
      section: draft.section,
      line: draft.block.line,
    };
    if (draft.block.uncertain !== undefined) block.uncertain = draft.block.uncertain;
    for (const s of draft.sentences) {
      const sentence: Sentence = {
        id: sentenceIds[sentences.length]!,
        text: s.text,
        speaker: s.speaker,
        spans: s.spans,
        paragraph: id,
        section: draft.section,
        kind: KIND_OF[draft.block.role],
        line: draft.block.line,
      };
      if (s.uncertain !== undefined) sentence.uncertain = s.uncertain;
      block.sentenceIds.push(sentence.id);
      sentences.push(sentence);
    }
    blocks.push(block);
    sections.find((sec) => sec.id === draft.section)!.blockIds.push(id);
  });

  linkNotices(blocks, drafts, file);
  const parsedGlossary = glossary ? parseGlossary(glossary.source, glossary.file) : [];
  const glossaryEntries = attachGlossary(parsedGlossary, sentences, glossary?.file ?? file);

  const only = (role: BlockRole): string => doc.blocks.find((b) => b.role === role)!.text;
  return {
    title: only('title'),
    dateline: only('dateline'),
    speakers,
    cast: doc.speakers.map((s) => s.id),
    sections,
    blocks,
    sentences,
    deployerNotes: doc.deployerNotes.map((note) => note.text),
    glossary: glossaryEntries,
  };
}

/**
 * Ties each `@notice <n>` to the `n` prose or turn blocks after it (its passage): `covers` on the
 * notice, `notice` on each passage block. Fails when fewer than `n` follow.
 */
function linkNotices(blocks: Block[], drafts: readonly Draft[], file: string): void {
  blocks.forEach((block, index) => {
    if (block.role !== 'notice') return;
    const count = Number(drafts[index]!.block.args);
    const passage = blocks.slice(index + 1).filter((b) => b.role === 'prose' || b.role === 'turn').slice(0, count);
    if (passage.length < count) {
      throw new AnnotationError(file, block.line, `@notice ${count}: only ${passage.length} paragraph(s) follow it`);
    }
    block.covers = passage.map((b) => b.id);
    for (const covered of passage) covered.notice = block.id;
  });
}

/** The cast as a map. Only declared speakers are present; the parser guarantees every used one is. */
function speakerMap(doc: ParsedDocument): Record<SpeakerId, Speaker> {
  const map: Partial<Record<SpeakerId, Speaker>> = {};
  for (const { id, name, description } of doc.speakers) map[id] = { id, name, description };
  return map as Record<SpeakerId, Speaker>;
}

/**
 * Blocks in reading order with their section id, and the (still empty) sections:
 * front (title, dateline, editor's note), body sections by heading, back matter in file order.
 */
function readingOrder(doc: ParsedDocument): { sections: Section[]; ordered: { block: ParsedBlock; section: string }[] } {
  const headings = doc.blocks.filter((b) => b.role === 'heading');
  const bodyIds = assignIds(headings.map((h) => h.text), sectionSlug, ['front', 'back']);
  const sections: Section[] = [
    { id: 'front', heading: '', blockIds: [] },
    ...headings.map((h, i) => ({ id: bodyIds[i]!, heading: h.text, blockIds: [] })),
    { id: 'back', heading: '', blockIds: [] },
  ];
  const byRole = (role: BlockRole) => doc.blocks.filter((b) => b.role === role);
  const ordered = [...byRole('title'), ...byRole('dateline'), ...byRole('editor-note')].map((block) => ({
    block,
    section: 'front',
  }));
  let section = 'front';
  let headingIndex = 0;
  for (const block of doc.blocks) {
    if (block.role === 'heading') section = bodyIds[headingIndex++]!;
    if (['heading', 'prose', 'turn', 'notice'].includes(block.role)) ordered.push({ block, section });
  }
  for (const block of doc.blocks) {
    if (['source-note', 'citation', 'translator', 'about-source'].includes(block.role)) {
      ordered.push({ block, section: 'back' });
    }
  }
  return { sections, ordered };
}

/** Segments one block and splits its sentences into speaker runs. */
function draftBlock(block: ParsedBlock, section: string, speakers: Record<SpeakerId, Speaker>, file: string): Draft {
  const runs = blockRuns(block);
  const ranges = segmentSentences(block.text);
  if (ranges.length === 0) throw new AnnotationError(file, block.line, `@${block.role} block yields no sentences`);
  const sentences = ranges.map(({ start, end }) => {
    const spans = sentenceSpans(block.text, runs, start, end);
    const sentence: Draft['sentences'][number] = {
      text: block.text.slice(start, end),
      spans,
      speaker: primarySpeaker(spans, block.speaker),
    };
    const unsure = spans.find((s) => s.uncertain && s.speaker !== block.speaker) ?? spans.find((s) => s.uncertain);
    if (block.uncertain !== undefined) sentence.uncertain = block.uncertain;
    else if (unsure) sentence.uncertain = `The attribution of part of this sentence to ${speakers[unsure.speaker].name} is uncertain.`;
    return sentence;
  });
  // The block's speaker (a turn's label) is the one its annotation gives, never a character count:
  // Stalin's quoted words inside Kollontai's paragraph leave it hers.
  return { block, section, speaker: block.speaker, sentences };
}

/** Runs covering the whole block text: inline spans, and the block's own speaker in between. */
function blockRuns(block: ParsedBlock): Run[] {
  const own = block.uncertain !== undefined;
  const runs: Run[] = [];
  let at = 0;
  for (const span of block.spans) {
    if (span.start > at) runs.push({ start: at, end: span.start, speaker: block.speaker, uncertain: own });
    runs.push({ start: span.start, end: span.end, speaker: span.speaker, uncertain: span.uncertain });
    at = span.end;
  }
  if (at < block.text.length) runs.push({ start: at, end: block.text.length, speaker: block.speaker, uncertain: own });
  return runs;
}

/**
 * The runs of `[start, end)` as spans whose texts concatenate to exactly the sentence. Whitespace-only
 * pieces join their neighbour; adjacent spans of the same speaker (and certainty) merge.
 */
function sentenceSpans(text: string, runs: readonly Run[], start: number, end: number): SpeakerSpan[] {
  const pieces: SpeakerSpan[] = [];
  for (const run of runs) {
    const from = Math.max(run.start, start);
    const to = Math.min(run.end, end);
    if (from >= to) continue;
    const piece: SpeakerSpan = { speaker: run.speaker, text: text.slice(from, to) };
    if (run.uncertain) piece.uncertain = true;
    pieces.push(piece);
  }
  const spans: SpeakerSpan[] = [];
  let pendingSpace = '';
  for (const piece of pieces) {
    const last = spans[spans.length - 1];
    if (piece.text.trim() === '') {
      if (last) last.text += piece.text;
      else pendingSpace += piece.text;
      continue;
    }
    if (last && last.speaker === piece.speaker && last.uncertain === piece.uncertain) {
      last.text += piece.text;
      continue;
    }
    spans.push({ ...piece, text: pendingSpace + piece.text });
    pendingSpace = '';
  }
  return spans;
}

/** Whoever speaks most non-whitespace characters; ties go to `preferred`, then to the first to speak. */
export function primarySpeaker(spans: readonly SpeakerSpan[], preferred: SpeakerId): SpeakerId {
  const counts = new Map<SpeakerId, number>();
  for (const span of spans) {
    counts.set(span.speaker, (counts.get(span.speaker) ?? 0) + span.text.replace(/\s+/gu, '').length);
  }
  let best: SpeakerId = preferred;
  let bestCount = counts.get(preferred) ?? -1;
  for (const [speaker, count] of counts) {
    if (count > bestCount) {
      best = speaker;
      bestCount = count;
    }
  }
  return best;
}
