export { findPhrase, normalizeText } from '@baton/handoff-protocol';

export function messageText(activity: { type: string; text?: unknown }): string | null {
  return activity.type === 'message' && typeof activity.text === 'string' && activity.text.trim()
    ? activity.text
    : null;
}
