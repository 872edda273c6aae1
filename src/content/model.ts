/**
 * The document model of the edition: what the content pipeline builds from the annotated
 * source and what every other part (static HTML, narration, audio scripts, embedders) reads.
 * Plain data only — no Lit, no DOM — so it runs in node, in the build and in the browser.
 *
 * `Edition` is serialised as `dist/edition.json`. The names `title`, `speakers[id].name`,
 * `sentences[].{id,text,speaker,paragraph,section}` are a public interface: add fields, never rename.
 */

/** Speaker ids used in the annotated source. `editor` is this edition's own voice (notes, headings). */
export const SPEAKER_IDS = ['narrator', 'kollontai', 'molotov', 'stalin', 'secretary', 'editor'] as const;
export type SpeakerId = (typeof SPEAKER_IDS)[number];

/** A member of the cast list. */
export interface Speaker {
  id: SpeakerId;
  /** Short display name shown on each dialogue turn, e.g. "Molotov". */
  name: string;
  /** One-sentence introduction for the cast list. */
  description: string;
}

/**
 * A run of one speaker's words inside a sentence. The `text` of a sentence's spans, concatenated,
 * is exactly the sentence's `text`.
 */
export interface SpeakerSpan {
  speaker: SpeakerId;
  text: string;
  /** Set when the annotation marks this span's speaker as uncertain. */
  uncertain?: boolean;
}

/**
 * Where a sentence belongs:
 * - `body`: the document's own words (the fidelity test covers exactly these);
 * - `apparatus`: title, date line, the source's note, citations, translator credit;
 * - `editorial`: this edition's own words (editor's note, section headings, notices, source note).
 */
export type SentenceKind = 'body' | 'apparatus' | 'editorial';

/** One sentence: the unit of highlighting, narration and resume. */
export interface Sentence {
  /** Stable id, derived from the sentence's own text; survives unrelated edits. Used as the sentence element's `id`. */
  id: string;
  /** Displayed text, exactly as in the source (typos and unbalanced quotes included). */
  text: string;
  /** Primary speaker: whoever speaks most of the sentence's characters. */
  speaker: SpeakerId;
  /** Speaker runs in order; a single span when one voice speaks the whole sentence. */
  spans: SpeakerSpan[];
  /** Id of the block (paragraph, heading, note item) the sentence belongs to. */
  paragraph: string;
  /** Id of the section the sentence belongs to (`front`, `back` or a body section id). */
  section: string;
  kind: SentenceKind;
  /** Set when the speaker attribution is uncertain: a short note saying why. */
  uncertain?: string;
  /** 1-based line in the annotated source where the sentence's block starts. */
  line: number;
  /** Glossed words in this sentence (ranges of `text`), in order, non-overlapping. */
  glosses?: GlossUse[];
}

/** Where a glossary entry is attached to a sentence: `[start, end)` UTF-16 offsets into its `text`. */
export interface GlossUse {
  /** Id of the entry in `Edition.glossary`. */
  entry: string;
  start: number;
  end: number;
}

/**
 * What a glossary entry is: a `term` (a word or event the reader may not know), an editor's `note`
 * on a claim a visitor cannot judge alone, or a `person` named in the text (a short bio).
 */
export type GlossKind = 'term' | 'note' | 'person';

/** One entry of the glossary and notes, from `*.glossary.md`. */
export interface GlossEntry {
  /** Stable id (`[a-z0-9-]+`): the entry is `#gloss-<id>`, and its words link there. */
  id: string;
  kind: GlossKind;
  /** The heading of the entry, e.g. "Anschluss" or "“six month long”". */
  term: string;
  /** One or two neutral sentences (this edition's words). */
  text: string;
  /** Where the facts come from (at least one). */
  sources: string[];
  /** Sentence ids where the entry is attached, in reading order (may be empty: listed only). */
  uses: string[];
  /** 1-based line of the entry in the glossary file. */
  line: number;
}

/** What a block is, which decides how it renders. */
export type BlockRole =
  | 'title'
  | 'dateline'
  | 'editor-note'
  | 'heading'
  | 'prose'
  | 'turn'
  | 'notice'
  | 'source-note'
  | 'citation'
  | 'translator'
  | 'about-source';

/** A block of text: a paragraph, a dialogue turn, a heading or an apparatus item. */
export interface Block {
  id: string;
  role: BlockRole;
  /** The block's speaker as its annotation gives it (a turn's label); quotes inside do not change it. */
  speaker: SpeakerId;
  sentenceIds: string[];
  section: string;
  /** Set when the annotation marks the block's speaker as uncertain: why. */
  uncertain?: string;
  /** For a `notice`: ids of the blocks it warns about (the passage), in order. */
  covers?: string[];
  /** For a block inside a noticed passage: the id of its notice block. */
  notice?: string;
  line: number;
}

/** An editorial section of the body (or `front` / `back` for the framing matter). */
export interface Section {
  id: string;
  /** Editorial heading text (empty for `front` and `back`). */
  heading: string;
  blockIds: string[];
}

/** The whole edition. */
export interface Edition {
  title: string;
  dateline: string;
  speakers: Record<SpeakerId, Speaker>;
  /** Speakers in cast-list order. */
  cast: SpeakerId[];
  sections: Section[];
  blocks: Block[];
  /** Every sentence in reading order (front matter, body, back matter). */
  sentences: Sentence[];
  /** Notes for whoever publishes the edition (rights): shown apart in the source note, never narrated. */
  deployerNotes: string[];
  /** Glossary terms, editor's notes and people, in the glossary file's order (empty without one). */
  glossary: GlossEntry[];
  /**
   * Version stamp, `<package version>+<build date YYYYMMDD>` (set by the build; absent when the
   * model is built without one, e.g. in unit tests).
   */
  version?: string;
}
