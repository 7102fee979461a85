import type { EngineCore } from './core';
import { LIVE_STATES } from './deadlines';

/**
 * Picks up where a previous process stopped: re-arms missing deadlines of live conversations
 * and hands over again the ones the adapter never acknowledged. `graceOnStart`: agents
 * connect to this server, so each assigned conversation gets her grace period. Returns how
 * many live conversations it found.
 */
export async function recoverLiveConversations(
  core: EngineCore,
  graceOnStart: boolean,
): Promise<number> {
  const live = await core.store.listConversations({ states: LIVE_STATES });
  for (const conversation of live) {
    // Only deadlines that are missing (rows written before schedules existed): a node's
    // start never moves another node's deadlines, and idle is judged on last activity.
    if (conversation.state !== 'assigned') {
      const since = Date.parse(conversation.updatedAt);
      const left = core.timeouts.queueTimeoutMs - (Number.isFinite(since) ? Date.now() - since : 0);
      core.timers.armIfAbsent('queue', conversation.id, left);
      if (conversation.state === 'queued' && core.hooks.staffing)
        core.timers.arm('unstaffed', conversation.id, core.timeouts.unstaffedFallbackMs);
    }
    // A full period from now, as older versions did at start; it fires on the stored last
    // activity, which patients on any node keep moving.
    core.timers.armIfAbsent('idle', conversation.id, core.timeouts.patientIdleMs);
    // Agents lost their sockets with the previous process: each gets her grace period
    // (only where agents connect to this server: the built-in desk). Another node's start
    // does not move it; when it fires, an agent connected on any node keeps her work.
    if (conversation.state === 'assigned' && graceOnStart)
      core.timers.armIfAbsent('agent-grace', conversation.id, core.timeouts.agentGraceMs);
    if (conversation.state === 'handoff_requested') {
      const request = await core.fullRequest(conversation.id);
      // Half-written by an older version: the patient's retry completes it (or the queue
      // deadline offers the fallbacks).
      if (!request) continue;
      core.dispatch(conversation.id, 'handoff', () =>
        core.adapter.handoff({
          conversationId: conversation.id,
          request,
          requestedAt: conversation.createdAt,
        }),
      );
    }
  }
  return live.length;
}
