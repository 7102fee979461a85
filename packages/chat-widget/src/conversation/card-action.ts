import { asString, type CardAction } from '../directline/activity';
import type { SendExtra } from './patient-message';

export interface ActionMessage {
  text: string;
  extra: SendExtra;
}

/**
 * What a card button or suggested action sends, as Web Chat does: `imBack` says its value,
 * `postBack` sends it unseen, `messageBack` sends text and value and shows `displayText`.
 * Link actions (openUrl, call, downloadFile) send nothing: the UI renders them as links.
 */
export function messageForAction(action: CardAction): ActionMessage | null {
  switch (action.type) {
    case 'imBack':
      return { text: asString(action.value) ?? asString(action.title) ?? '', extra: {} };
    case 'postBack':
      return typeof action.value === 'string'
        ? { text: action.value, extra: { hidden: true } }
        : { text: '', extra: { value: action.value, hidden: true } };
    case 'messageBack':
      return {
        text: asString(action.text) ?? '',
        extra: {
          value: action.value,
          hidden: !action.displayText,
          ...(action.displayText ? { displayText: action.displayText } : {}),
        },
      };
    default:
      return null;
  }
}
