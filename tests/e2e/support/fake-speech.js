// A deterministic stand-in for window.speechSynthesis, injected with page.addInitScript for
// browser tests that must not depend on timing of a real voice (the real-speech tests use espeak).
// Utterances "speak" for `msPerChar` per character; everything is recorded on window.__speech.
(() => {
  const config = { msPerChar: 12, minMs: 150, voicesDelayMs: 50, failText: null, failError: 'synthesis-failed', boundaries: false };
  const record = { spoken: [], events: [], speakCalls: 0, cancelCalls: 0, config };
  window.__speech = record;

  const VOICES = [
    ['English (America) test', 'en-US', true],
    ['English (Great Britain)+Alicia test', 'en-GB', false],
    ['English (America)+Andy test', 'en-US', false],
    ['English (America)+m3 test', 'en-US', false],
    ['English (America)+f2 test', 'en-US', false],
    ['English (America)+f1 test', 'en-US', false],
    ['French (France) test', 'fr-FR', false],
  ].map(([name, lang, isDefault]) => ({ name, lang, voiceURI: name, localService: true, default: isDefault }));

  class FakeUtterance extends EventTarget {
    constructor(text = '') {
      super();
      Object.assign(this, { text, voice: null, rate: 1, pitch: 1, volume: 1, lang: '' });
      for (const type of ['start', 'end', 'error', 'boundary', 'pause', 'resume']) this['on' + type] = null;
    }
    fire(type, extra = {}) {
      const event = new Event(type);
      Object.assign(event, { utterance: this, charIndex: 0, elapsedTime: 0 }, extra);
      this.dispatchEvent(event);
      this['on' + type]?.(event);
    }
  }

  const synth = new EventTarget();
  let queue = [];
  let currentTimer = null;
  let current = null;
  let voicesReady = false;
  setTimeout(() => {
    voicesReady = true;
    synth.dispatchEvent(new Event('voiceschanged'));
    synth.onvoiceschanged?.(new Event('voiceschanged'));
  }, config.voicesDelayMs);

  function next() {
    if (current || !queue.length || synth.paused) return;
    current = queue.shift();
    const u = current;
    setTimeout(() => {
      if (current !== u) return;
      if (config.failText && u.text.includes(config.failText)) {
        current = null;
        record.events.push({ type: 'error', text: u.text, error: config.failError });
        u.fire('error', { error: config.failError });
        next();
        return;
      }
      const started = { type: 'start', text: u.text, at: performance.now(), endsAt: 0 };
      record.events.push(started);
      u.fire('start');
      if (config.boundaries) {
        // Word boundaries, like voices that report them (espeak via speech-dispatcher does not).
        for (const match of u.text.matchAll(/\S+/g)) {
          setTimeout(() => {
            if (current === u) u.fire('boundary', { name: 'word', charIndex: match.index, charLength: match[0].length });
          }, 10 + match.index * 2);
        }
      }
      const duration = Math.max(config.minMs, (u.text.length * config.msPerChar) / u.rate);
      u.remaining = duration;
      u.startedAt = performance.now();
      // When its end timer is due, unless it is paused or cancelled first (tests wait past it).
      started.endsAt = u.startedAt + duration;
      currentTimer = setTimeout(() => finish(u), duration);
    }, 5);
  }
  function finish(u) {
    if (current !== u) return;
    current = null;
    currentTimer = null;
    record.events.push({ type: 'end', text: u.text, at: performance.now() });
    u.fire('end');
    next();
  }

  Object.assign(synth, {
    speaking: false,
    pending: false,
    paused: false,
    onvoiceschanged: null,
    getVoices: () => (voicesReady ? VOICES.slice() : []),
    speak(u) {
      record.speakCalls++;
      record.spoken.push({ text: u.text, voice: u.voice?.name ?? null, rate: u.rate, pitch: u.pitch, volume: u.volume });
      queue.push(u);
      next();
    },
    cancel() {
      record.cancelCalls++;
      const dropped = queue;
      queue = [];
      const u = current;
      current = null;
      clearTimeout(currentTimer);
      if (u) u.fire('error', { error: 'interrupted' });
      for (const q of dropped) q.fire('error', { error: 'canceled' });
      synth.paused = false;
    },
    pause() {
      if (!current || synth.paused) return;
      synth.paused = true;
      clearTimeout(currentTimer);
      current.remaining -= performance.now() - current.startedAt;
      current.fire('pause');
    },
    resume() {
      if (!synth.paused) return;
      synth.paused = false;
      const u = current;
      if (u) {
        u.startedAt = performance.now();
        currentTimer = setTimeout(() => finish(u), Math.max(0, u.remaining));
        u.fire('resume');
      } else next();
    },
  });
  Object.defineProperty(synth, 'speaking', { get: () => !!current });
  Object.defineProperty(synth, 'pending', { get: () => queue.length > 0 });
  Object.defineProperty(window, 'speechSynthesis', { value: synth, configurable: true });
  window.SpeechSynthesisUtterance = FakeUtterance;
})();
