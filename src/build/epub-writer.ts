/**
 * Zips the talking book (`src/epub/epub-book.ts`) with the narration MP3 into an EPUB container:
 * `mimetype` first and stored, the rest deflated (the MP3 stored: it does not compress). Uses
 * fflate (small, maintained, no dependencies). Node only for {@link writeEpubFile}.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { strToU8, zipSync, type Zippable } from 'fflate';
import type { Edition } from '../content/model.ts';
import { buildEpubBook, type EpubBook } from '../epub/epub-book.ts';
import type { AudioManifest } from '../narration/audio-manifest.ts';

/** The book's file name in the build output. */
export const EPUB_FILE = 'edition.epub';

/** What {@link epubBytes} needs. */
export interface EpubInput {
  edition: Edition;
  manifest: AudioManifest;
  /** The narration MP3 the manifest times (`public/audio/<manifest.files.mp3>`). */
  audio: Uint8Array;
  /** Plain-text credit for the synthetic voices. */
  voices: string;
  /** When the book was built (`dcterms:modified` and the zip entries' times). */
  modified: Date;
}

/** Zips a book's files and its audio; `mimetype` first, stored. */
export function zipEpub(book: EpubBook, audio: Uint8Array, modified: Date): Uint8Array {
  // Zip times are local DOS times from 1980 on: clamp, so SOURCE_DATE_EPOCH=0 still builds.
  const mtime = modified.getTime() < Date.UTC(1980, 1, 1) ? new Date(Date.UTC(1980, 1, 1)) : modified;
  const files: Zippable = {};
  for (const file of book.files) {
    files[file.path] = [strToU8(file.text), { level: file.path === 'mimetype' ? 0 : 9, mtime }];
  }
  files[book.audioPath] = [audio, { level: 0, mtime }];
  return zipSync(files);
}

/** The whole EPUB file's bytes. */
export function epubBytes(input: EpubInput): Uint8Array {
  const book = buildEpubBook(input.edition, input.manifest, { modified: input.modified, voices: input.voices });
  return zipEpub(book, input.audio, input.modified);
}

/** Builds the EPUB and writes it to `path` (creating its folder); returns its size in bytes. */
export function writeEpubFile(path: string, input: EpubInput): number {
  const bytes = epubBytes(input);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, bytes);
  return bytes.byteLength;
}

/** A size in words for a download link: "4.3 MB" (decimal megabytes, one decimal). */
export function describeSize(bytes: number): string {
  return bytes >= 1_000_000 ? `${(bytes / 1_000_000).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1000))} kB`;
}
