// Playwright global setup: starts the speech stack the real-speech tests need (see speech-stack.mjs).
import { startSpeechStack } from './speech-stack.mjs';

export default function globalSetup(): void {
  if (!startSpeechStack()) {
    console.warn('[setup] pulseaudio not installed: the real-speech tests will be skipped (CI installs it).');
  }
}
