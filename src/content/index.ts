/**
 * Public API of the content pipeline (pure: no fs, no DOM). `loadEdition` lives in `./load.ts`
 * and is not re-exported here, so browser code can import this module safely.
 */
export { AnnotationError, AnnotationErrors } from './errors.ts';
export { parseAnnotated, DIRECTIVES, IMPLIED_SPEAKER, PART_OF } from './parse.ts';
export type { Directive, InlineSpan, ParsedBlock, ParsedDocument, ParsedSpeaker, Part } from './parse.ts';
export { segmentSentences, ABBREVIATIONS, TERMINALS, CLOSERS, OPENERS, DASHES } from './segment.ts';
export type { SentenceRange } from './segment.ts';
export { sentenceId, blockId, sectionSlug, assignIds, normaliseText, fnv1a32 } from './ids.ts';
export { buildEdition, primarySpeaker, KIND_OF } from './build-edition.ts';
export * from './model.ts';
