import type { BotSessions } from './bot-sessions';
import { type EngineCore, errorCode } from './core';
import type { ConversationLifecycle } from './lifecycle';
import type { TimerKind } from './timers';

/** States a conversation is live in: it has deadlines (queue, idle, grace) running. */
export const LIVE_STATES = ['handoff_requested', 'queued', 'assigned'] as const;

/** How long until the patient counts as idle, from the stored last activity. */
async function idleLeft(core: EngineCore, conversationId: string): Promise<number> {
  const last = Date.parse((await core.store.lastActivity(conversationId)) ?? '');
  const quiet = Number.isFinite(last) ? Date.now() - last : 0;
  return core.timeouts.patientIdleMs - quiet;
}

/**
 * What each deadline does when it comes due: a claimed deadline (this node alone runs it),
 * under the conversation's lock. Rejecting leaves it to run again later.
 */
export function deadlineHandler(
  core: EngineCore,
  lifecycle: ConversationLifecycle,
  botSessions: BotSessions,
  agentConnected: (agentId: string) => Promise<boolean>,
): (kind: TimerKind, conversationId: string) => Promise<void> {
  return async (kind, conversationId) => {
    try {
      // Keyed by a bot session, which has no conversation record (and no conversation lock).
      if (kind === 'bot-idle') return await botSessions.idleDeadline(conversationId);
      await core.run(conversationId, async () => {
        const conversation = await core.store.getConversation(conversationId);
        if (!conversation) return;
        switch (kind) {
          case 'queue':
            if (conversation.state === 'queued' || conversation.state === 'handoff_requested') {
              await lifecycle.expire(conversation);
            }
            return;
          case 'idle': {
            if (!LIVE_STATES.includes(conversation.state as (typeof LIVE_STATES)[number])) return;
            const left = await idleLeft(core, conversationId);
            if (left > 0) core.timers.arm('idle', conversationId, left);
            else await lifecycle.patientGone(conversation, 'idle');
            return;
          }
          case 'unstaffed': {
            if (conversation.state !== 'queued') return;
            const staffing = await core.hooks.staffing?.(conversation);
            if (!staffing || (staffing.open && staffing.staffed)) return;
            if (!staffing.open)
              await lifecycle.fail(conversation, 'out-of-hours', undefined, staffing.notice);
            else await lifecycle.fail(conversation, 'no-agents');
            return;
          }
          case 'agent-grace': {
            if (conversation.state !== 'assigned' || !conversation.assignedAgentId) return;
            // Back meanwhile (on any node): she keeps it.
            if (await agentConnected(conversation.assignedAgentId)) return;
            await lifecycle.agentLost(conversation);
            return;
          }
          default: {
            // A new TimerKind needs its case here (this line stops compiling without one).
            const unhandled: never = kind;
            throw new Error(`no handler for timer ${String(unhandled)}`);
          }
        }
      });
    } catch (error) {
      core.logger.warn(
        { conversationId, timer: kind, err: errorCode(error) },
        'timeout not applied',
      );
      throw error;
    }
  };
}
