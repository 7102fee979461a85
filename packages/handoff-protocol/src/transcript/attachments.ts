import type { AttachmentSummary, CardSummary } from '../domain/transcript';
import { arrayField, field, isRecord, parseJson, stringField } from './activity';
import { readAdaptiveCard } from './adaptive-card';
import { buttonLine, toSuggestedActions } from './card-actions';
import { isSendableCardContent } from './card-content';
import { clip, truncateText, utf8Length } from './text';

export const CARD_CONTENT_TYPES = {
  hero: 'application/vnd.microsoft.card.hero',
  thumbnail: 'application/vnd.microsoft.card.thumbnail',
  adaptive: 'application/vnd.microsoft.card.adaptive',
} as const;

/** Appended to a card summary when the card JSON was too large to keep in `content`. */
export const CARD_CONTENT_OMITTED_NOTICE =
  '(Card too large to keep for re-rendering; this summary is all that was kept.)';

/**
 * Appended to a card summary when the card JSON holds what the server's parser refuses
 * (a `__proto__` key, nesting deeper than `MAX_CARD_CONTENT_DEPTH`): the JSON is dropped.
 */
export const CARD_CONTENT_REFUSED_NOTICE =
  '(Card content could not be sent safely; this summary is all that was kept.)';

/** Schema bound for `cards` and `attachments` per entry; extras are left out. */
const MAX_PER_ENTRY = 20;
const MAX_TITLE = 500;
const MAX_CONTENT_TYPE = 200;
const CARD_PREFIX = 'application/vnd.microsoft.card.';

export interface AttachmentLimits {
  maxTextLength: number;
  maxCardContentBytes: number;
}

export interface SummarisedAttachments {
  cards: CardSummary[];
  attachments: AttachmentSummary[];
}

/**
 * Splits an activity's attachments into card summaries (hero, thumbnail, Adaptive and other
 * `application/vnd.microsoft.card.*` cards) and file summaries (everything else, images
 * included: name and content type only, never `contentUrl`/`thumbnailUrl`/`content`).
 */
export function summariseAttachments(
  attachments: readonly unknown[],
  limits: AttachmentLimits,
): SummarisedAttachments {
  const cards: CardSummary[] = [];
  const files: AttachmentSummary[] = [];
  for (const attachment of attachments) {
    const contentType = stringField(attachment, 'contentType')?.trim().toLowerCase() ?? '';
    if (contentType.startsWith(CARD_PREFIX)) {
      if (cards.length < MAX_PER_ENTRY) cards.push(summariseCard(attachment, contentType, limits));
    } else if (files.length < MAX_PER_ENTRY) {
      files.push(summariseFile(attachment, contentType));
    }
  }
  return { cards, attachments: files };
}

function summariseFile(attachment: unknown, contentType: string): AttachmentSummary {
  const summary: AttachmentSummary = {
    contentType: clip(contentType || 'application/octet-stream', MAX_CONTENT_TYPE),
  };
  const name = stringField(attachment, 'name');
  if (name !== undefined && name.trim() !== '') summary.name = clip(name, MAX_TITLE);
  return summary;
}

function summariseCard(
  attachment: unknown,
  contentType: string,
  limits: AttachmentLimits,
): CardSummary {
  const clippedType = clip(contentType, MAX_CONTENT_TYPE);
  if (contentType === CARD_CONTENT_TYPES.adaptive) {
    return summariseAdaptiveCard(field(attachment, 'content'), clippedType, limits);
  }
  const kind =
    contentType === CARD_CONTENT_TYPES.hero
      ? 'hero'
      : contentType === CARD_CONTENT_TYPES.thumbnail
        ? 'thumbnail'
        : 'other';
  const content = field(attachment, 'content');
  const title = nonEmpty(stringField(content, 'title'));
  const subtitle = nonEmpty(stringField(content, 'subtitle'));
  const text = nonEmpty(stringField(content, 'text'));
  const buttons = toSuggestedActions(arrayField(content, 'buttons'));
  const lines = [title, subtitle, text].filter((line): line is string => line !== undefined);
  if (buttons.length > 0) lines.push(buttonLine(buttons));
  const card: CardSummary = {
    kind,
    contentType: clippedType,
    summary: truncateText(lines.length > 0 ? lines.join('\n') : clippedType, limits.maxTextLength),
  };
  if (title !== undefined) card.title = clip(title, MAX_TITLE);
  if (subtitle !== undefined) card.subtitle = clip(subtitle, MAX_TITLE);
  if (buttons.length > 0) card.buttons = buttons;
  return card;
}

function summariseAdaptiveCard(
  rawContent: unknown,
  contentType: string,
  limits: AttachmentLimits,
): CardSummary {
  const content = typeof rawContent === 'string' ? parseJson(rawContent) : rawContent;
  const json = cardJson(content);
  const fits = json !== undefined && utf8Length(json) <= limits.maxCardContentBytes;
  const kept: unknown = fits ? JSON.parse(json) : undefined;
  const keep = fits && isSendableCardContent(kept);
  const { lines, buttons } = readAdaptiveCard(content);
  let summary = lines.length > 0 ? lines.join('\n') : 'Adaptive Card';
  const notice = fits ? CARD_CONTENT_REFUSED_NOTICE : CARD_CONTENT_OMITTED_NOTICE;
  if (json !== undefined && !keep) summary = `${summary}\n${notice}`;
  const card: CardSummary = {
    kind: 'adaptive',
    contentType,
    summary: truncateTextKeepingNotice(summary, keep ? undefined : notice, limits.maxTextLength),
  };
  if (buttons.length > 0) card.buttons = buttons;
  if (keep) card.content = kept;
  return card;
}

/** Cuts a summary but keeps the notice (content omitted or refused) readable at its end. */
function truncateTextKeepingNotice(
  summary: string,
  notice: string | undefined,
  max: number,
): string {
  if (notice === undefined || summary.length <= max) return truncateText(summary, max);
  const room = max - notice.length - 1;
  if (room <= 0) return truncateText(summary, max);
  const body = summary.slice(0, summary.length - notice.length - 1);
  return `${truncateText(body, room)}\n${notice}`;
}

/**
 * The card as it would cross the wire (plain JSON: functions dropped, `Date`s as strings);
 * `undefined` when it is not an object or cannot be serialised (cycles, BigInts).
 */
function cardJson(value: unknown): string | undefined {
  if (!isRecord(value)) return undefined;
  try {
    const json: unknown = JSON.stringify(value);
    return typeof json === 'string' ? json : undefined;
  } catch {
    return undefined;
  }
}

function nonEmpty(text: string | undefined): string | undefined {
  return text !== undefined && text.trim() !== '' ? text : undefined;
}
