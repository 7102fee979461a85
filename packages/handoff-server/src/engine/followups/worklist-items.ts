import { createHash } from 'node:crypto';
import type {
  AgentInfo,
  FallbackChoice,
  FollowUpCounts,
  FollowUpItem,
  HandoffFailureReason,
} from '@baton/handoff-protocol';
import type {
  FollowUpDetail,
  FollowUpItemRecord,
  FollowUpKind,
  FollowUpStats,
} from '../../storage/followup-records';
import type { MessageRecord } from '../../storage/records';
import { readBody } from '../log-record';

/** The cause of an item: one item per cause, on every node (the store's unique key). */
export const followUpKey = {
  fallback: (conversationId: string, option: FallbackChoice['option']) =>
    `fallback:${option}:${conversationId}`,
  unanswered: (conversationId: string, kind: 'expired' | 'failed') => `${kind}:${conversationId}`,
} as const;

/** A deterministic item id from its cause (so a node can find the item of a known cause). */
export function followUpIdOf(key: string): string {
  return `fu_${createHash('sha256').update(key).digest('hex').slice(0, 32)}`;
}

export const FALLBACK_KIND: Record<FallbackChoice['option'], FollowUpKind> = {
  'leave-message': 'message',
  callback: 'callback',
  appointment: 'appointment',
};

/** What the patient asked, from their fallback pick (PHI: sealed by the store). */
export function detailOfChoice(
  choice: FallbackChoice,
  patientDisplayName?: string,
): FollowUpDetail {
  const named = patientDisplayName ? { patientDisplayName } : {};
  switch (choice.option) {
    case 'leave-message':
      return { ...named, text: choice.text };
    case 'callback':
      return {
        ...named,
        phone: choice.phone,
        ...(choice.preferredTime ? { preferredTime: choice.preferredTime } : {}),
      };
    case 'appointment':
      return named;
    default: {
      const never: never = choice;
      throw new TypeError(`unknown fallback ${String(never)}`);
    }
  }
}

const FAILURE_REASONS: ReadonlySet<string> = new Set([
  'no-agents',
  'out-of-hours',
  'queue-full',
  'adapter-failed',
  'expired',
]);

/** A stored item as staff receive it. */
export function wireItem(item: FollowUpItemRecord, claimedBy: AgentInfo | null): FollowUpItem {
  const { detail } = item;
  const request: FollowUpItem['request'] = {};
  if (detail.text) request.text = detail.text.slice(0, 4000);
  if (detail.phone) request.phone = detail.phone.slice(0, 32);
  if (detail.preferredTime) request.preferredTime = detail.preferredTime.slice(0, 200);
  if (detail.reason && FAILURE_REASONS.has(detail.reason))
    request.reason = detail.reason as HandoffFailureReason;
  return {
    id: item.id,
    conversationId: item.conversationId,
    queue: item.queue,
    priority: item.priority,
    kind: item.kind,
    ...(detail.patientDisplayName
      ? { patientDisplayName: detail.patientDisplayName.slice(0, 200) }
      : {}),
    request,
    createdAt: item.createdAt,
    status: item.status,
    ...(claimedBy ? { claimedBy } : {}),
    ...(item.claimedAt ? { claimedAt: item.claimedAt } : {}),
    ...(item.outcomeNote ? { outcomeNote: item.outcomeNote } : {}),
    ...(item.closedAt ? { closedAt: item.closedAt } : {}),
  };
}

/** Store figures as the wire counts, ages measured at `now`. */
export function wireCounts(stats: FollowUpStats, now: number): FollowUpCounts {
  const oldest = stats.oldestOpenAt ? Date.parse(stats.oldestOpenAt) : Number.NaN;
  return {
    open: stats.open,
    claimed: stats.claimed,
    oldestOpenSeconds: Number.isFinite(oldest)
      ? Math.max(0, Math.round((now - oldest) / 1000))
      : null,
    closedToday: stats.closedSince,
  };
}

/** Midnight UTC of the day of `now`: where "closed today" starts. */
export function startOfDayUtc(now: number): string {
  const day = new Date(now);
  day.setUTCHours(0, 0, 0, 0);
  return day.toISOString();
}

/** Why a handoff failed: the reason of the last `handoff.failed` in its log. */
export function lastFailureReason(log: readonly MessageRecord[]): string {
  for (let i = log.length - 1; i >= 0; i -= 1) {
    const body = readBody(log[i]!);
    if (body.kind === 'event' && body.event.type === 'handoff.failed') return body.event.reason;
  }
  return 'adapter-failed';
}
