import type { Activity } from '../directline/activity';

/** How a message goes: a card action's value, the text shown instead, or nothing shown. */
export interface SendExtra {
  value?: unknown;
  displayText?: string;
  hidden?: boolean;
}

/** The patient's message to the bot (their text or a card action's value); null when empty. */
export function patientActivity(text: string, extra: SendExtra, locale: string): Activity | null {
  const trimmed = text.trim();
  if (!trimmed && extra.value === undefined) return null;
  return {
    type: 'message',
    ...(trimmed ? { text: trimmed } : {}),
    ...(extra.value !== undefined ? { value: extra.value } : {}),
    // As Web Chat: the transcript shows what the patient saw, not the hidden text.
    ...(extra.displayText
      ? { channelData: { messageBack: { displayText: extra.displayText } } }
      : {}),
    locale,
    textFormat: 'plain',
  };
}
