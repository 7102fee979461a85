/**
 * The parts of a Bot Framework activity the widget reads. Everything here arrives from the
 * network, so readers treat every field as possibly missing or of the wrong type.
 */
export interface CardAction {
  type: string;
  title?: string;
  value?: unknown;
  text?: string;
  displayText?: string;
  image?: string;
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
  name?: string;
  from?: { id: string; name?: string; role?: string };
  timestamp?: string;
  localTimestamp?: string;
  locale?: string;
  text?: string;
  textFormat?: string;
  value?: unknown;
  attachments?: Attachment[];
  attachmentLayout?: string;
  suggestedActions?: { actions?: CardAction[]; to?: string[] };
  channelData?: Record<string, unknown>;
  replyToId?: string;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function asString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}
