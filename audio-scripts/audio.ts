/**
 * `npm run audio [-- options]`: the narration (`render.ts`), then the kiosk's spoken help
 * (`render-interface.ts`), each given the command's options — npm appends them to the last command
 * of a `&&` chain only, so `render.ts` would never see `--recording`. With `--recording` (a human
 * narrator's take, `recording.ts`) only the narration is made: the interface sprite is a synthetic
 * voice of its own, unrelated to the narration, and stays as it is.
 */
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const tsx = createRequire(import.meta.url).resolve('tsx/cli');
const args = process.argv.slice(2);

/** Runs one script under tsx with `args`; returns its exit code. */
function runScript(name: string): number {
  const result = spawnSync(process.execPath, [tsx, join(here, name), ...args], { stdio: 'inherit' });
  if (result.error) throw result.error;
  return result.status ?? 1;
}

let code = runScript('render.ts');
if (code === 0 && args.includes('--recording')) {
  process.stdout.write('interface sprite: unchanged (not part of a narrator’s recording; npm run audio without --recording renders it)\n');
} else if (code === 0) {
  code = runScript('render-interface.ts');
}
process.exit(code);
