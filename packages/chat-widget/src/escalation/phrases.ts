import { EMERGENCY_NUMBERS } from '@baton/handoff-protocol';

// The built-in lists live in the protocol package: the console shows them to administrators.
export {
  EMERGENCY_NUMBERS,
  FALLBACK_PHRASES,
  PERSON_REQUEST_PHRASES,
  RED_FLAG_PHRASES,
} from '@baton/handoff-protocol';

export function emergencyNumberFor(
  locale: string,
  numbers: Readonly<Record<string, string>> = EMERGENCY_NUMBERS,
): string {
  const lower = locale.toLowerCase();
  const base = lower.split('-')[0] ?? lower;
  return numbers[lower] ?? numbers[base] ?? numbers.default ?? EMERGENCY_NUMBERS.default ?? '112';
}
