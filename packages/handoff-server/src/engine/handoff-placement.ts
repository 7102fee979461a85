import { type HandoffRequest, QueueStatus, serverToPatientMessage } from '@baton/handoff-protocol';
import type { ConversationRecord } from '../storage/records';
import { type EngineCore, errorCode } from './core';

/**
 * A handoff placed in one commit: with an adapter whose queue lives in the store (the built-in
 * desk), the engine asks where the request will wait before committing it, then writes the
 * request and its queue entry in one transaction (one fsync) instead of the request, then the
 * adapter's `queued` report in a second one. Any other adapter, a queue that is closed, a
 * conversation half-written by an older version: null, the usual path.
 */
export async function placeOnRequest(
  core: EngineCore,
  conversationId: string,
  request: HandoffRequest,
  existing: ConversationRecord | null,
): Promise<QueueStatus | null> {
  const { adapter } = core;
  if (!adapter.placeOnRequest) return null;
  // Only a request that will open (or reopen) the conversation; a retry keeps its place.
  if (existing && existing.state !== 'returned_to_bot') return null;
  try {
    const status = await adapter.placeOnRequest(conversationId, request);
    if (status === null) return null;
    const parsed = QueueStatus.safeParse(status);
    return parsed.success ? parsed.data : null;
  } catch (error) {
    core.logger.warn(
      { conversationId, adapter: adapter.name, err: errorCode(error) },
      'placement not decided',
    );
    return null;
  }
}

/**
 * Deadlines `enqueue` would arm, committed with the request: `unstaffed` a few seconds after
 * the queue entry (the queue was open when placed). `queue` is the request's own deadline.
 */
export function placementDeadlines(core: EngineCore, placement: QueueStatus | null) {
  if (!placement || !core.hooks.staffing) return [];
  return [{ kind: 'unstaffed' as const, delayMs: core.timeouts.unstaffedFallbackMs }];
}

/**
 * What `queued` did after its commit, with no store write: the desk's agent updates (the
 * `enqueue` change, under the conversation's lock so it comes before any later change).
 */
export function announceEnqueued(
  core: EngineCore,
  requested: ConversationRecord,
  queued: ConversationRecord,
): void {
  core.changed(requested, queued, 'enqueue');
}

/**
 * The patient's `handoff.queued`, after the request's ack (which the gateway sends when the
 * request resolves, within this turn): on the adapter outbox, ordered with the calls that
 * follow, one event-loop turn later.
 */
export function tellQueued(core: EngineCore, conversationId: string, queue: QueueStatus): void {
  core.dispatch(conversationId, 'handoff', async () => {
    await new Promise<void>((resolve) => setImmediate(resolve));
    core.delivery.toPatient(
      conversationId,
      serverToPatientMessage('handoff.queued', { conversationId, queue }),
    );
  });
}
