/**
 * Dynamic time warping of a reference's features against a take's, multi-resolution (FastDTW-like)
 * so an 18-minute take fits in memory: a full DTW on heavily averaged frames, then at each finer
 * resolution a DTW restricted to a band around the coarser path. Both ends are tied (the reference
 * has silence before and after, which absorbs the take's lead-in and tail).
 */
import { DIMS, downsample, type Features } from './mfcc.ts';

/** Where the warping path goes, per reference frame. */
export interface WarpPath {
  /** First take frame matched to each reference frame. */
  first: Int32Array;
  /** Last take frame matched to each reference frame. */
  last: Int32Array;
  /** Mean local distance of the cells matched to each reference frame. */
  cost: Float32Array;
}

/** Most cells of the coarsest, unrestricted pass. */
const MAX_FULL_CELLS = 6_000_000;
/** Band half-width (frames) around the projected coarser path at each finer resolution. */
const RADIUS = 12;

/** Least distance between a pause and speech. */
const PAUSE_VS_SPEECH = 4;

function distance(ref: Features, i: number, take: Features, j: number): number {
  const quiet = ref.silent[i] + take.silent[j];
  if (quiet === 2) return 0;
  const a = ref.data;
  const b = take.data;
  let sum = 0;
  const x = i * DIMS;
  const y = j * DIMS;
  for (let d = 0; d < DIMS; d++) {
    const v = a[x + d] - b[y + d];
    sum += v * v;
  }
  return quiet === 1 ? Math.max(PAUSE_VS_SPEECH, Math.sqrt(sum)) : Math.sqrt(sum);
}

/**
 * DTW restricted to `lo[i]..hi[i]` (take frames) in each reference row; steps (1,1), (1,0), (0,1).
 * Rows' bands must be non-decreasing in both ends.
 */
function bandedDtw(ref: Features, take: Features, lo: Int32Array, hi: Int32Array): WarpPath {
  const n = ref.frames;
  const offsets = new Float64Array(n + 1);
  for (let i = 0; i < n; i++) offsets[i + 1] = offsets[i] + (hi[i] - lo[i] + 1);
  const cells = offsets[n];
  const acc = new Float32Array(cells);
  const local = new Float32Array(cells);
  const step = new Uint8Array(cells); // 0 diagonal, 1 from the row above, 2 from the left, 3 start
  const at = (i: number, j: number) => (j < lo[i] || j > hi[i] ? -1 : offsets[i] + j - lo[i]);
  for (let i = 0; i < n; i++) {
    for (let j = lo[i]; j <= hi[i]; j++) {
      const c = offsets[i] + j - lo[i];
      const d = distance(ref, i, take, j);
      local[c] = d;
      if (i === 0 && j === lo[0]) {
        acc[c] = d;
        step[c] = 3;
        continue;
      }
      let best = Infinity;
      let how = 3;
      if (i === 0) {
        acc[c] = acc[c - 1] + d;
        step[c] = 2;
        continue;
      }
      const diag = at(i - 1, j - 1);
      if (diag >= 0 && acc[diag] < best) {
        best = acc[diag];
        how = 0;
      }
      const up = at(i - 1, j);
      if (up >= 0 && acc[up] < best) {
        best = acc[up];
        how = 1;
      }
      if (j > lo[i] && acc[c - 1] < best) {
        best = acc[c - 1];
        how = 2;
      }
      acc[c] = best + d;
      step[c] = how;
    }
  }
  let j = hi[n - 1];
  const first = new Int32Array(n);
  const last = new Int32Array(n).fill(-1);
  const cost = new Float32Array(n);
  const count = new Int32Array(n);
  let i = n - 1;
  for (;;) {
    const c = offsets[i] + j - lo[i];
    if (last[i] < 0) last[i] = j;
    first[i] = j;
    cost[i] += local[c];
    count[i]++;
    const how = step[c];
    if (how === 3) break;
    if (how === 0) {
      i--;
      j--;
    } else if (how === 1) i--;
    else j--;
  }
  for (let r = 0; r < n; r++) cost[r] /= Math.max(1, count[r]);
  return { first, last, cost };
}

/** Band for a finer resolution: the coarser path doubled, widened by `radius` frames each way. */
function projectBand(path: WarpPath, frames: number, takeFrames: number, radius: number): { lo: Int32Array; hi: Int32Array } {
  const lo = new Int32Array(frames);
  const hi = new Int32Array(frames);
  for (let i = 0; i < frames; i++) {
    const r = Math.min(path.first.length - 1, i >> 1);
    lo[i] = path.first[r] * 2;
    hi[i] = path.last[r] * 2 + 1;
  }
  const wideLo = new Int32Array(frames);
  const wideHi = new Int32Array(frames);
  for (let i = 0; i < frames; i++) {
    let a = Infinity;
    let b = -Infinity;
    for (let k = Math.max(0, i - radius); k <= Math.min(frames - 1, i + radius); k++) {
      a = Math.min(a, lo[k]);
      b = Math.max(b, hi[k]);
    }
    wideLo[i] = Math.max(0, a - radius);
    wideHi[i] = Math.min(takeFrames - 1, b + radius);
  }
  wideLo[0] = 0;
  wideHi[frames - 1] = takeFrames - 1;
  for (let i = frames - 2; i >= 0; i--) wideLo[i] = Math.min(wideLo[i], wideLo[i + 1]);
  for (let i = 1; i < frames; i++) wideHi[i] = Math.max(wideHi[i], wideHi[i - 1]);
  return { lo: wideLo, hi: wideHi };
}

/** Aligns the reference to the take; memory and time grow linearly with length past the coarsest pass. */
export function alignFeatures(ref: Features, take: Features): WarpPath {
  const levels: Array<{ ref: Features; take: Features }> = [{ ref, take }];
  while (levels[levels.length - 1].ref.frames * levels[levels.length - 1].take.frames > MAX_FULL_CELLS) {
    const top = levels[levels.length - 1];
    levels.push({ ref: downsample(top.ref, 2), take: downsample(top.take, 2) });
  }
  const coarsest = levels[levels.length - 1];
  let path = bandedDtw(
    coarsest.ref,
    coarsest.take,
    new Int32Array(coarsest.ref.frames),
    new Int32Array(coarsest.ref.frames).fill(coarsest.take.frames - 1),
  );
  for (let level = levels.length - 2; level >= 0; level--) {
    const { ref: r, take: t } = levels[level];
    const band = projectBand(path, r.frames, t.frames, RADIUS);
    path = bandedDtw(r, t, band.lo, band.hi);
  }
  return path;
}

/**
 * Mean distance between random speech frames of the two signals: what an unrelated match costs,
 * the yardstick of a path's cost (deterministic sample).
 */
export function backgroundCost(ref: Features, take: Features, samples = 4000): number {
  const speechRef = [...ref.silent.keys()].filter((i) => !ref.silent[i]);
  const speechTake = [...take.silent.keys()].filter((j) => !take.silent[j]);
  if (speechRef.length === 0 || speechTake.length === 0) return NaN;
  let sum = 0;
  for (let k = 0; k < samples; k++) {
    const i = speechRef[Math.floor(((k * 7919) % 10007) / 10007 * speechRef.length)];
    const j = speechTake[Math.floor(((k * 104729) % 10009) / 10009 * speechTake.length)];
    sum += distance(ref, i, take, j);
  }
  return sum / samples;
}
