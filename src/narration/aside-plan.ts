/**
 * What the Editor says before a sentence, outside the reading order: the content notice whenever
 * reading enters a noticed passage from outside it (however it got there: Play, a click, a deep
 * link, Resume, Next/Previous), and a short "probably <speaker>" aside the first time an
 * uncertain attribution is read in a visit. Pure: the engine asks, then reads what it gets.
 */
import type { NarrationItem, NarrationScript } from './types.ts';

/** Plans the asides read before each sentence. One per engine; `reset` for a new visitor. */
export class AsidePlan {
  readonly #script: NarrationScript;
  /** Sentence id → index of the passage it belongs to. */
  readonly #passageOf = new Map<string, number>();
  /** Notice sentence id → index of the passage it warns about. */
  readonly #noticeOf = new Map<string, number>();
  readonly #byId: Map<string, NarrationItem>;
  /** Uncertain asides already said in this visit. */
  readonly #said = new Set<string>();

  constructor(script: NarrationScript) {
    this.#script = script;
    this.#byId = new Map(script.items.map((item) => [item.id, item]));
    (script.passages ?? []).forEach((passage, index) => {
      for (const id of passage.passage) this.#passageOf.set(id, index);
      for (const id of passage.notice) this.#noticeOf.set(id, index);
    });
  }

  /**
   * The asides to read, in order, before the sentence at `index`, given the sentence read last
   * (`lastRead`, an index, or null when nothing has been read in this visit). `noticeOnly`: just
   * the content notice (a single sentence read aloud outside the narration).
   */
  before(index: number, lastRead: number | null, options: { noticeOnly?: boolean } = {}): NarrationItem[] {
    const item = this.#script.items[index];
    if (!item) return [];
    const asides: NarrationItem[] = [];
    const passage = this.#passageOf.get(item.id);
    if (passage !== undefined) {
      const last = lastRead === null ? undefined : this.#script.items[lastRead]?.id;
      const inside = last !== undefined && (this.#passageOf.get(last) === passage || this.#noticeOf.get(last) === passage);
      if (!inside) {
        const notice = this.#script.passages[passage]!.notice;
        for (const id of notice) {
          const sentence = this.#byId.get(id);
          if (sentence) asides.push(sentence);
        }
      }
    }
    if (options.noticeOnly) return asides;
    const uncertain = item.uncertainAside ? this.#script.asides?.[item.uncertainAside] : undefined;
    if (uncertain && !this.#said.has(uncertain.id)) asides.push(uncertain);
    return asides;
  }

  /** Whether sentence `id` is (part of) a content notice. */
  isNotice(id: string): boolean {
    return this.#noticeOf.has(id);
  }

  /** The asides that read the notes (glossary entries) of the sentence at `index`. */
  notesOf(index: number): NarrationItem[] {
    const item = this.#script.items[index];
    return (item?.notes ?? []).flatMap((id) => {
      const aside = this.#script.asides?.[id];
      return aside ? [aside] : [];
    });
  }

  /** Records that an aside has been read to its end (an uncertain aside is said once per visit). */
  read(aside: NarrationItem): void {
    if (aside.index < 0) this.#said.add(aside.id);
  }

  /** Forgets what was said (a new visitor). */
  reset(): void {
    this.#said.clear();
  }
}
