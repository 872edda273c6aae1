// The aligner on test takes read by another synthesizer (flite kal) with uneven pauses, whose every
// sentence and word start is known; and its refusals (missing paragraph, wrong text, silence, bad file).
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { AlignmentError, alignTake } from '../../../audio-scripts/align/align.ts';
import { loadSentences } from '../../../audio-scripts/align/text.ts';
import { makeTestTake, quantile, startErrors } from '../../../audio-scripts/align/test-take.ts';
import { wav16k } from '../support/wav.ts';

const all = loadSentences();
/** A few paragraphs (25 sentences, about 3 minutes in the test voice). */
const passage = all.slice(20, 45);

describe('aligner', () => {
  it('finds sentence and word starts in a take by another voice with uneven pauses', { timeout: 90_000 }, async () => {
    const take = await makeTestTake(passage, 3);
    const alignment = await alignTake(take.samples, passage);
    expect(Object.keys(alignment.sentences)).toEqual(passage.map((item) => item.id));
    const errors = startErrors(alignment, take.truth);
    expect(errors.sentences).toHaveLength(passage.length);
    expect(quantile(errors.sentences, 0.5)).toBeLessThanOrEqual(80);
    expect(quantile(errors.sentences, 0.95)).toBeLessThanOrEqual(250);
    expect(quantile(errors.words, 0.5)).toBeLessThanOrEqual(60);
    const confidences = Object.values(alignment.sentences).map((s) => s.confidence);
    expect(Math.min(...confidences)).toBeGreaterThan(0);
    expect(quantile(confidences, 0.5)).toBeGreaterThanOrEqual(0.7);
    for (const sentence of Object.values(alignment.sentences)) expect(sentence.end).toBeGreaterThan(sentence.start);
    // Words carry displayed-text offsets: the respelled "Daladier" is found under its displayed name.
    const item = passage.find((i) => i.text.includes('Daladier'));
    if (item) {
      const ranges = alignment.sentences[item.id].words.map((w) => item.text.slice(w.from, w.to));
      expect(ranges).toContain('Daladier');
    }
  });

  it('refuses a take with a missing paragraph, naming its sentences', { timeout: 90_000 }, async () => {
    const paragraphs = [...new Set(passage.map((item) => item.paragraph))];
    const dropped = paragraphs[Math.floor(paragraphs.length / 2)];
    const missing = passage.filter((item) => item.paragraph === dropped).map((item) => item.id);
    const take = await makeTestTake(passage.filter((item) => item.paragraph !== dropped), 5);
    const error = await alignTake(take.samples, passage).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(AlignmentError);
    expect((error as AlignmentError).unplaced).toEqual(expect.arrayContaining(missing));
    for (const id of missing) expect((error as Error).message).toContain(id);
  });

  it('refuses a take of another section', { timeout: 90_000 }, async () => {
    const take = await makeTestTake(all.slice(100, 125), 6);
    await expect(alignTake(take.samples, passage)).rejects.toThrow(/does not match the text/);
  });

  it('refuses silent audio', async () => {
    await expect(alignTake(new Float32Array(16_000 * 3), passage.slice(0, 2))).rejects.toThrow(/silent/);
  });

  it('CLI: writes the alignment; on failure exits 1 and leaves the output file as it was', { timeout: 90_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'align-cli-'));
    const items = passage.slice(0, 4);
    const take = await makeTestTake(items, 7);
    writeFileSync(join(dir, 'take.wav'), wav16k(take.samples));
    const run = (audio: string, out: string) =>
      promisify(execFile)('npx', ['tsx', 'audio-scripts/align/cli.ts', '--audio', audio, '--out', out, '--from', items[0].id, '--to', items[3].id]).then(
        () => 0,
        (e: { code?: number; stderr?: string }) => {
          expect(e.stderr).toMatch(/nothing written/);
          return e.code ?? -1;
        },
      );
    const out = join(dir, 'out.json');
    expect(await run(join(dir, 'take.wav'), out)).toBe(0);
    const written = JSON.parse(readFileSync(out, 'utf8')) as { sentences: Record<string, { start: number; words: unknown[] }> };
    expect(Object.keys(written.sentences)).toEqual(items.map((i) => i.id));
    expect(Math.abs(written.sentences[items[0].id].start - take.truth[items[0].id].start)).toBeLessThan(250);
    writeFileSync(join(dir, 'silent.wav'), wav16k(new Float32Array(16_000 * 2)));
    writeFileSync(out, 'previous');
    expect(await run(join(dir, 'silent.wav'), out)).toBe(1);
    expect(await run(join(dir, 'missing.wav'), out)).toBe(1);
    expect(readFileSync(out, 'utf8')).toBe('previous');
  });
});
