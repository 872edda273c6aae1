// Starts the real-speech stack: a PulseAudio daemon with a null sink, so speech-dispatcher
// (spawned by Chromium with --enable-speech-dispatcher) has somewhere to play. Idempotent.
// Must run before the first Chromium launch: a speech-dispatcher spawned without PulseAudio
// stays silent until it is restarted. Used by the Playwright global setup and by the benchmark.
import { execSync, spawnSync } from 'node:child_process';

const has = (command) => spawnSync('sh', ['-c', `command -v ${command}`]).status === 0;

/** Returns true when the stack is up, false when PulseAudio is not installed. */
export function startSpeechStack() {
  if (!has('pulseaudio') || !has('pactl')) return false;
  if (spawnSync('pulseaudio', ['--check']).status !== 0) {
    // A speech-dispatcher left from before PulseAudio ran would stay silent: end it first.
    spawnSync('pkill', ['-x', 'speech-dispatch'], { stdio: 'ignore' });
    spawnSync('pulseaudio', ['-D', '--exit-idle-time=-1'], { stdio: 'ignore' });
  }
  for (let i = 0; i < 50 && spawnSync('pactl', ['info'], { stdio: 'ignore' }).status !== 0; i++) {
    execSync('sleep 0.1');
  }
  const modules = execSync('pactl list short modules').toString();
  if (!modules.includes('sink_name=null')) execSync('pactl load-module module-null-sink sink_name=null');
  execSync('pactl set-default-sink null');
  return true;
}
