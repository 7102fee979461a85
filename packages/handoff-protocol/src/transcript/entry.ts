import type { Party } from '../domain/primitives';
import type { TranscriptEntry } from '../domain/transcript';
import { arrayField, field, recordField, stringField } from './activity';
import { type AttachmentLimits, summariseAttachments } from './attachments';
import { toSuggestedActions } from './card-actions';
import { type CardInputLabels, submissionText } from './submission';
import { truncateText, xmlToPlain } from './text';

/** Text of the system entry that stands for a `handoff.initiate` event. */
export const HANDOFF_INITIATE_NOTICE = 'The bot asked to hand this conversation to a person.';

export interface SenderIds {
  /** The patient's Bot Framework user id (Direct Line `from.id`). */
  patientUserId?: string;
  /** The bot's id (`from.id` on bot activities). */
  botId?: string;
}

/** An entry without its time: the time is settled once all activities are read. */
export type UntimedEntry = Omit<TranscriptEntry, 'id' | 'at'>;

/**
 * Who wrote an activity, first rule that applies:
 * 1. `from.role`: `user` → patient; `bot` or `skill` → bot.
 * 2. `from.id` equals `patientUserId` → patient; equals `botId` → bot.
 * 3. The recipient says it: `recipient.role` `bot` (or `recipient.id` = `botId`) → patient;
 *    `recipient.role` `user` (or `recipient.id` = `patientUserId`) → bot.
 * 4. `patientUserId` is known and `from.id` is another id → bot (a Direct Line conversation
 *    has exactly two parties).
 * 5. Otherwise `system`: the sender is unknown, and Baton never guesses that a person said it.
 */
export function senderOf(activity: unknown, ids: SenderIds): Party {
  const from = recordField(activity, 'from');
  const role = stringField(from, 'role')?.toLowerCase();
  if (role === 'user') return 'patient';
  if (role === 'bot' || role === 'skill') return 'bot';
  const fromId = stringField(from, 'id');
  if (fromId !== undefined && fromId === ids.patientUserId) return 'patient';
  if (fromId !== undefined && fromId === ids.botId) return 'bot';
  const recipient = recordField(activity, 'recipient');
  const recipientRole = stringField(recipient, 'role')?.toLowerCase();
  const recipientId = stringField(recipient, 'id');
  if (recipientRole === 'bot' || (recipientId !== undefined && recipientId === ids.botId)) {
    return 'patient';
  }
  if (
    recipientRole === 'user' ||
    (recipientId !== undefined && recipientId === ids.patientUserId)
  ) {
    return 'bot';
  }
  if (ids.patientUserId !== undefined && fromId !== undefined && fromId !== '') return 'bot';
  return 'system';
}

/**
 * The transcript content of one activity, or `undefined` when it has none:
 * - `message`: text (see {@link readText}), cards, attachments, suggested actions; dropped
 *   when it has no text, no card and no attachment (suggested actions alone do not count).
 *   The patient's card answers read as they were given (see {@link answerText}).
 * - `event` named `handoff.initiate`: a `system` entry {@link HANDOFF_INITIATE_NOTICE}
 *   (its handoff context is not copied: it may hold clinical data).
 * - everything else (`typing`, other events, `invoke`, `conversationUpdate`,
 *   `endOfConversation`, `messageReaction`, `messageUpdate`, `messageDelete`, `trace`…):
 *   dropped.
 */
export function entryContent(
  activity: unknown,
  ids: SenderIds,
  limits: AttachmentLimits,
  inputs: CardInputLabels = new Map(),
): UntimedEntry | undefined {
  const type = stringField(activity, 'type');
  if (type === 'event' && stringField(activity, 'name') === 'handoff.initiate') {
    return { from: 'system', text: HANDOFF_INITIATE_NOTICE, textFormat: 'plain' };
  }
  if (type !== 'message') return undefined;
  const entry: UntimedEntry = { from: senderOf(activity, ids) };
  const text = answerText(activity, entry.from, inputs, limits.maxTextLength);
  if (text) {
    entry.text = text.text;
    entry.textFormat = text.format;
  }
  const { cards, attachments } = summariseAttachments(arrayField(activity, 'attachments'), limits);
  if (cards.length > 0) entry.cards = cards;
  if (attachments.length > 0) entry.attachments = attachments;
  if (!entry.text && !entry.cards && !entry.attachments) return undefined;
  const suggested = toSuggestedActions(
    arrayField(recordField(activity, 'suggestedActions'), 'actions'),
  );
  if (suggested.length > 0) entry.suggestedActions = suggested;
  return entry;
}

/**
 * `textFormat` `plain` → plain; `xml` → plain with tags removed ({@link xmlToPlain});
 * `markdown`, missing or unknown → markdown (Bot Framework's default). Whitespace-only text
 * counts as no text. Longer than `maxTextLength` → cut with the truncation marker.
 */
export function readText(
  activity: unknown,
  maxTextLength: number,
): { text: string; format: 'plain' | 'markdown' } | undefined {
  const raw = field(activity, 'text');
  if (typeof raw !== 'string') return undefined;
  const declared = stringField(activity, 'textFormat')?.toLowerCase();
  const format = declared === 'plain' || declared === 'xml' ? 'plain' : 'markdown';
  const text = declared === 'xml' ? xmlToPlain(raw) : raw;
  if (text.trim() === '') return undefined;
  return { text: truncateText(text, maxTextLength), format };
}

/**
 * What the patient saw themselves say: a `messageBack`'s `displayText` (Web Chat's
 * `channelData.messageBack.displayText`) over its text; a submission without text (Adaptive
 * Card `Action.Submit`, `postBack` object) as `Label: answer` pairs from `inputs`. Other
 * senders: {@link readText}.
 */
function answerText(
  activity: unknown,
  from: Party,
  inputs: CardInputLabels,
  maxTextLength: number,
): { text: string; format: 'plain' | 'markdown' } | undefined {
  if (from === 'patient') {
    const shown = stringField(
      recordField(recordField(activity, 'channelData'), 'messageBack'),
      'displayText',
    );
    if (shown?.trim()) return { text: truncateText(shown, maxTextLength), format: 'plain' };
  }
  const text = readText(activity, maxTextLength);
  if (text || from !== 'patient') return text;
  const answered = submissionText(field(activity, 'value'), inputs);
  return answered ? { text: truncateText(answered, maxTextLength), format: 'plain' } : undefined;
}
