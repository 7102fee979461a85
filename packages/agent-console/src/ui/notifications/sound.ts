/**
 * Alert tones with WebAudio: a short beep for new work and messages, a distinct rising
 * three-pulse tone for emergencies. Nothing is played until the page had a user gesture
 * (browsers block audio before); failures are silent.
 */
let context: AudioContext | null = null;

function audio(): AudioContext | null {
  if (typeof AudioContext === 'undefined') return null;
  try {
    context ??= new AudioContext();
    if (context.state === 'suspended') void context.resume().catch(() => undefined);
    return context;
  } catch {
    return null;
  }
}

function tone(ctx: AudioContext, frequency: number, startAt: number, seconds: number): void {
  const oscillator = ctx.createOscillator();
  const gain = ctx.createGain();
  oscillator.type = 'sine';
  oscillator.frequency.value = frequency;
  gain.gain.setValueAtTime(0.0001, startAt);
  gain.gain.exponentialRampToValueAtTime(0.2, startAt + 0.02);
  gain.gain.exponentialRampToValueAtTime(0.0001, startAt + seconds);
  oscillator.connect(gain).connect(ctx.destination);
  oscillator.start(startAt);
  oscillator.stop(startAt + seconds + 0.02);
}

export function playAlert(kind: 'normal' | 'emergency'): void {
  const ctx = audio();
  if (!ctx) return;
  const now = ctx.currentTime;
  if (kind === 'emergency') {
    const rising = [660, 880, 1100];
    for (const start of [0, 0.8])
      for (const [i, frequency] of rising.entries())
        tone(ctx, frequency, now + start + i * 0.22, 0.18);
  } else {
    tone(ctx, 880, now, 0.15);
  }
}

const MUTE_KEY = 'baton.console.muted';

/** The mute switch: only a flag, kept in this browser (no patient data). */
export function readMuted(): boolean {
  try {
    return localStorage.getItem(MUTE_KEY) === '1';
  } catch {
    return false;
  }
}

export function writeMuted(muted: boolean): void {
  try {
    if (muted) localStorage.setItem(MUTE_KEY, '1');
    else localStorage.removeItem(MUTE_KEY);
  } catch {
    // Storage blocked: the choice lasts for this page.
  }
}
