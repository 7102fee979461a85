import {
  HANDOFF_EVENT_NAMES,
  type HandoffRequest,
  type TextFormat,
  type TranscriptEntry,
} from '@baton/handoff-protocol';
import type {
  AdapterCloseReason,
  AdapterConversation,
  AdapterPatientAttachment,
} from '../contract';

/** A Bot Framework channel account. */
export interface ChannelAccount {
  id: string;
  name?: string;
  role?: 'user' | 'bot';
}

/** The activity fields this adapter sends (Bot Framework Activity schema, JSON form). */
export interface OutboundActivity {
  type: 'event' | 'message' | 'typing' | 'endOfConversation';
  id: string;
  timestamp: string;
  channelId: string;
  serviceUrl: string;
  from: ChannelAccount;
  recipient: ChannelAccount;
  conversation: { id: string };
  locale?: string;
  name?: string;
  value?: unknown;
  text?: string;
  textFormat?: TextFormat;
  code?: string;
  attachments?: { contentType: string; name?: string; content?: unknown; contentUrl?: string }[];
  channelData?: Record<string, unknown>;
}

export interface ActivityRoute {
  channelId: string;
  serviceUrl: string;
  bot: ChannelAccount;
}

/** The patient as a Bot Framework user account. */
export function patientAccount(request: HandoffRequest): ChannelAccount {
  return { id: request.patient.patientId, name: request.patient.displayName, role: 'user' };
}

function base(
  route: ActivityRoute,
  conversationId: string,
  patient: ChannelAccount,
  id: string,
  at: string,
) {
  return {
    id,
    timestamp: at,
    channelId: route.channelId,
    serviceUrl: route.serviceUrl,
    from: patient,
    recipient: route.bot,
    conversation: { id: conversationId },
  };
}

/**
 * A `handoff.initiate` event shaped like botbuilder's `EventFactory.createHandoffInitiation`:
 * `value` is the handoff context (Baton's request without the transcript), and the transcript
 * travels as an `application/json` attachment named `Transcript` holding `{ activities }`.
 */
export function handoffInitiation(
  route: ActivityRoute,
  conversation: AdapterConversation,
  id: string,
): OutboundActivity {
  const { request } = conversation;
  const patient = patientAccount(request);
  const { transcript, directLine: _directLine, ...context } = request;
  return {
    ...base(route, conversation.conversationId, patient, id, conversation.requestedAt),
    type: 'event',
    name: HANDOFF_EVENT_NAMES.initiate,
    locale: request.patient.locale,
    value: { ...context, requestedAt: conversation.requestedAt },
    attachments: [
      {
        contentType: 'application/json',
        name: 'Transcript',
        content: {
          activities: transcript.entries.map((entry) => transcriptActivity(entry, patient, route)),
          ...(transcript.truncated && { truncated: transcript.truncated }),
        },
      },
    ],
  };
}

function transcriptActivity(entry: TranscriptEntry, patient: ChannelAccount, route: ActivityRoute) {
  const from: ChannelAccount =
    entry.from === 'patient'
      ? patient
      : entry.from === 'bot'
        ? { id: 'bot', role: 'bot' }
        : { id: entry.from, name: entry.from, role: 'bot' };
  const activity: Record<string, unknown> = {
    type: 'message',
    id: entry.id,
    timestamp: entry.at,
    channelId: route.channelId,
    from,
  };
  if (entry.text !== undefined) activity.text = entry.text;
  if (entry.textFormat) activity.textFormat = entry.textFormat;
  const cards = (entry.cards ?? []).filter((card) => card.content !== undefined);
  if (cards.length > 0) {
    activity.attachments = cards.map((card) => ({
      contentType: card.contentType,
      content: card.content,
    }));
  }
  return activity;
}

export function patientMessageActivity(
  route: ActivityRoute,
  conversationId: string,
  patient: ChannelAccount,
  message: { seq: number; text: string; textFormat?: TextFormat; at: string },
): OutboundActivity {
  return {
    ...base(route, conversationId, patient, `${conversationId}:${message.seq}`, message.at),
    type: 'message',
    text: message.text,
    textFormat: message.textFormat ?? 'plain',
    channelData: { baton: { seq: message.seq } },
  };
}

/**
 * A file the patient shared, as Bot Framework carries media: a message with an attachment
 * whose `contentUrl` the bot fetches (the signed link, until `channelData.baton.expiresAt`).
 */
export function patientAttachmentActivity(
  route: ActivityRoute,
  conversationId: string,
  patient: ChannelAccount,
  file: AdapterPatientAttachment,
): OutboundActivity {
  return {
    ...base(route, conversationId, patient, `${conversationId}:${file.seq}`, file.at),
    type: 'message',
    ...(file.caption ? { text: file.caption, textFormat: 'plain' } : {}),
    attachments: [
      {
        contentType: file.attachment.contentType,
        contentUrl: file.url,
        name: file.attachment.name,
      },
    ],
    channelData: {
      baton: { seq: file.seq, size: file.attachment.size, expiresAt: file.expiresAt },
    },
  };
}

export function typingActivity(
  route: ActivityRoute,
  conversationId: string,
  patient: ChannelAccount,
  id: string,
  at: string,
): OutboundActivity {
  return { ...base(route, conversationId, patient, id, at), type: 'typing' };
}

/** `endOfConversation`, with Bot Framework's end-of-conversation code and Baton's reason. */
export function endOfConversationActivity(
  route: ActivityRoute,
  conversationId: string,
  patient: ChannelAccount,
  reason: AdapterCloseReason,
  id: string,
  at: string,
): OutboundActivity {
  return {
    ...base(route, conversationId, patient, id, at),
    type: 'endOfConversation',
    code: endOfConversationCode(reason),
    value: { reason },
  };
}

function endOfConversationCode(reason: AdapterCloseReason): string {
  switch (reason) {
    case 'patient-left':
    case 'abandoned':
      return 'userCancelled';
    case 'expired':
      return 'botTimedOut';
    case 'failed':
      return 'channelFailed';
    case 'ended-by-agent':
    case 'returned-to-bot':
    case 'server-ended':
      return 'completedSuccessfully';
    default:
      return unreachable(reason);
  }
}

function unreachable(value: never): never {
  throw new Error(`unexpected close reason ${String(value)}`);
}
