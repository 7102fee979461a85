import type { FollowUpFilter, FollowUpItemRecord, NewFollowUpItem } from './followup-records';
import { FOLLOW_UP_LIST_LIMIT } from './followup-records';

/** The list bound every backend applies. */
export function followUpLimit(filter: FollowUpFilter | undefined): number {
  const limit = filter?.limit ?? FOLLOW_UP_LIST_LIMIT;
  return Math.max(0, Math.min(FOLLOW_UP_LIST_LIMIT, Math.floor(limit)));
}

/** A fresh `open` item. */
export function openFollowUp(item: NewFollowUpItem, createdAt: string): FollowUpItemRecord {
  return {
    ...item,
    detail: { ...item.detail },
    createdAt,
    status: 'open',
    claimedBy: null,
    claimedAt: null,
    outcomeNote: null,
    closedAt: null,
  };
}

/** AAD of the sealed columns: binds each ciphertext to its item. */
export const followUpAad = {
  detail: (id: string) => `baton:v1:followups:${id}:detail`,
  note: (id: string) => `baton:v1:followups:${id}:note`,
} as const;
