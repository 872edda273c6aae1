/** Starts PulseAudio with a null sink for speech-dispatcher; false when PulseAudio is missing. */
export function startSpeechStack(): boolean;
