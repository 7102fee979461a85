/**
 * The few Bot Framework activity fields Baton reads, as a structural type. Defined here on
 * purpose: importing `botframework-schema` would pull Bot Framework into the browser bundle.
 * Every field is optional because activities arrive from the wire and are read defensively.
 */
export interface BotChannelAccount {
  id?: string;
  name?: string;
  /** `user`, `bot` or `skill` in Bot Framework. */
  role?: string;
}

export interface BotConversationAccount {
  id: string;
  name?: string;
  isGroup?: boolean;
  conversationType?: string;
  tenantId?: string;
}

export interface BotCardAction {
  type?: string;
  title?: string;
  value?: unknown;
  text?: string;
  displayText?: string;
}

export interface BotAttachment {
  contentType?: string;
  name?: string;
  content?: unknown;
  contentUrl?: string;
  thumbnailUrl?: string;
}

export interface BotActivity {
  type?: string;
  id?: string;
  /** ISO 8601 on the wire; a `Date` inside a Bot Framework process. */
  timestamp?: string | Date;
  from?: BotChannelAccount;
  recipient?: BotChannelAccount;
  conversation?: Partial<BotConversationAccount>;
  text?: string;
  textFormat?: string;
  attachments?: BotAttachment[];
  suggestedActions?: { actions?: BotCardAction[]; to?: string[] };
  name?: string;
  value?: unknown;
  channelData?: unknown;
  replyToId?: string;
}

/** A plain record read from untrusted input. */
export type UnknownRecord = Readonly<Record<string, unknown>>;

export function isRecord(value: unknown): value is UnknownRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Reads an own property only: inherited members (`constructor`, anything planted on
 * `Object.prototype`) are never mistaken for activity fields.
 */
export function field(record: unknown, key: string): unknown {
  return isRecord(record) && Object.hasOwn(record, key) ? record[key] : undefined;
}

export function stringField(record: unknown, key: string): string | undefined {
  const value = field(record, key);
  return typeof value === 'string' ? value : undefined;
}

export function recordField(record: unknown, key: string): UnknownRecord | undefined {
  const value = field(record, key);
  return isRecord(value) ? value : undefined;
}

export function arrayField(record: unknown, key: string): readonly unknown[] {
  const value = field(record, key);
  return Array.isArray(value) ? value : [];
}

/** Like {@link field}, but the key matches case-insensitively (C# bots send `Skill`). */
export function fieldIgnoringCase(record: unknown, key: string): unknown {
  if (!isRecord(record)) return undefined;
  if (Object.hasOwn(record, key)) return record[key];
  const wanted = key.toLowerCase();
  for (const own of Object.keys(record)) {
    if (own.toLowerCase() === wanted) return record[own];
  }
  return undefined;
}

/** `JSON.parse`, with `undefined` instead of an exception. */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
