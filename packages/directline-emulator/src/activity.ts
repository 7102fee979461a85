/** The parts of a Bot Framework activity the emulator reads or stamps; the rest passes through. */
export interface ChannelAccount {
  id: string;
  name?: string;
  role?: string;
}

export interface Attachment {
  contentType: string;
  contentUrl?: string;
  content?: unknown;
  name?: string;
  thumbnailUrl?: string;
}

export interface Activity {
  type: string;
  id?: string;
  timestamp?: string;
  localTimestamp?: string;
  channelId?: string;
  serviceUrl?: string;
  conversation?: { id: string; [key: string]: unknown };
  from?: ChannelAccount;
  recipient?: ChannelAccount;
  replyToId?: string;
  text?: string;
  textFormat?: string;
  locale?: string;
  name?: string;
  value?: unknown;
  attachments?: Attachment[];
  attachmentLayout?: string;
  suggestedActions?: { to?: string[]; actions: CardAction[] };
  channelData?: unknown;
  membersAdded?: ChannelAccount[];
  [key: string]: unknown;
}

export interface CardAction {
  type: string;
  title?: string;
  value?: unknown;
  image?: string;
}

export const channelId = 'directline';

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Accepts an unknown JSON body as an activity when it is an object with a string `type`. */
export function asActivity(value: unknown): Activity | undefined {
  if (!isRecord(value) || typeof value.type !== 'string' || value.type.length === 0) return;
  return value as Activity;
}
