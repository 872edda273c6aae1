// The committed interface sprite (public/audio/interface.*): every phrase's clip lies inside the
// audio file, clips are in catalogue order and do not overlap, and the Opus file stays within its
// 600 KB budget. Only the committed files are read; ffprobe is used when installed.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseSpriteMap } from '../../../src/kiosk/speech/sprite-map.ts';

const AUDIO_DIR = 'public/audio';
const sprite = parseSpriteMap(readFileSync(join(AUDIO_DIR, 'interface.json'), 'utf8'));
const clips = Object.entries(sprite.phrases);
const OPUS_BUDGET_BYTES = 600 * 1024;

/** Duration of a media file in ms by ffprobe, or null when ffprobe is not installed. */
function probeDurationMs(path: string): number | null {
  try {
    const out = execFileSync('ffprobe', ['-v', 'error', '-show_entries', 'format=duration', '-of', 'default=nw=1:nk=1', path], {
      encoding: 'utf8',
    });
    return Math.round(Number(out.trim()) * 1000);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

const opusPath = join(AUDIO_DIR, sprite.files.opus);
const opusDurationMs = probeDurationMs(opusPath);

describe('the committed interface sprite (public/audio/interface.*)', () => {
  it('references an Opus/WebM and an MP3 file that exist', () => {
    expect(sprite.files).toEqual({ opus: 'interface.webm', mp3: 'interface.mp3' });
    for (const file of Object.values(sprite.files)) expect(existsSync(join(AUDIO_DIR, file)), file).toBe(true);
  });

  it('has clips in order that do not overlap', () => {
    expect(clips.length).toBeGreaterThan(100);
    let previousEnd = 0;
    for (const [id, clip] of clips) {
      expect(clip.start, `${id} starts before the previous clip ends`).toBeGreaterThan(previousEnd);
      expect(clip.duration, id).toBeGreaterThan(0);
      previousEnd = clip.start + clip.duration;
    }
  });

  it.skipIf(opusDurationMs === null)('has every clip inside the audio file', () => {
    const last = clips.at(-1)![1];
    expect(last.start + last.duration).toBeLessThanOrEqual(opusDurationMs!);
    for (const [id, clip] of clips) expect(clip.start + clip.duration, id).toBeLessThanOrEqual(opusDurationMs!);
  });

  it('keeps the Opus file within 600 KB', () => {
    expect(statSync(opusPath).size).toBeLessThanOrEqual(OPUS_BUDGET_BYTES);
  });
});
