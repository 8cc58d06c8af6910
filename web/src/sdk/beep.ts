// Audible scan confirmation for a cashier who is looking at the customer, not the screen.
// One AudioContext for the page: browsers cap how many can exist.

let context: AudioContext | undefined;

/** Frequencies (Hz) of the tones in each sound, played back to back. */
const TONES: Record<'ok' | 'error', number[]> = { ok: [2700], error: [440, 330] };
const TONE_S = 0.12;
const VOLUME = 0.2;

/**
 * Plays a short confirmation beep ('ok') or a two-tone low buzz ('error').
 * Never throws: with no audio, or before the first user gesture (autoplay policy), it is silent.
 */
export function beep(kind: 'ok' | 'error' = 'ok'): void {
  try {
    context ??= new AudioContext();
    // A context created before any user gesture starts suspended; resuming may be refused.
    if (context.state === 'suspended') context.resume().catch(() => undefined);
    let at = context.currentTime;
    for (const hz of TONES[kind]) {
      const osc = context.createOscillator();
      const gain = context.createGain();
      osc.type = 'sine';
      osc.frequency.value = hz;
      // Ramps in and out: a hard-edged sine clicks.
      gain.gain.setValueAtTime(0, at);
      gain.gain.linearRampToValueAtTime(VOLUME, at + 0.005);
      gain.gain.setValueAtTime(VOLUME, at + TONE_S - 0.01);
      gain.gain.linearRampToValueAtTime(0, at + TONE_S);
      osc.connect(gain).connect(context.destination);
      osc.start(at);
      osc.stop(at + TONE_S);
      at += TONE_S + 0.03;
    }
  } catch {
    // No WebAudio, or the page is being torn down: a missing beep is not an error.
  }
}
