import { type ServerToPatient, serverToPatientMessage } from '@baton/handoff-protocol';
import type { ConversationRecord } from '../storage/records';
import { type EngineCore, isLive, retryable } from './core';
import type { PatientFrame } from './frames';
import { patientFrame } from './log-record';

/**
 * Every logged frame after `sinceSeq`, then `resumed`, then the agent side's read mark (when
 * it has read anything). The caller joins the conversation's room after `authorize` and
 * before this, so nothing falls between replay and live frames (a frame may arrive twice;
 * clients drop seqs they have).
 */
export async function replayForPatient(
  core: EngineCore,
  conversation: ConversationRecord,
  frame: PatientFrame<'resume'>,
): Promise<ServerToPatient[]> {
  const log = await core.readLog(conversation.id, frame.sinceSeq).catch((error: unknown) => {
    throw retryable(error);
  });
  const frames = log
    .map((record) => patientFrame(record))
    .filter((f): f is ServerToPatient => f !== null);
  const current = (await core.store.getConversation(conversation.id)) ?? conversation;
  const lastSeq =
    log.length > 0 ? log[log.length - 1]!.seq : await lastSeqUpTo(core, current.id, frame.sinceSeq);
  const agent =
    current.state === 'assigned' && current.assignedAgentId
      ? await core.agentInfo(current.assignedAgentId)
      : undefined;
  const queue = current.state === 'queued' ? await core.hooks.queueStatus?.(current) : undefined;
  if (isLive(current)) await core.activity.touch(current.id);
  frames.push(
    serverToPatientMessage('resumed', {
      conversationId: current.id,
      lastSeq,
      state: current.state,
      ...(agent ? { agent } : {}),
      ...(queue ? { queue } : {}),
    }),
  );
  // How far the agent side has read, kept with the conversation: a reload keeps the marks.
  const marks = await core.readMarks(current.id);
  if (marks && marks.agent > 0)
    frames.push(
      serverToPatientMessage('read', {
        conversationId: current.id,
        by: 'agent',
        upToSeq: marks.agent,
      }),
    );
  return frames;
}

/**
 * Nothing after `sinceSeq`: the log ends there (the usual case, checked with one row), or
 * the client claims a seq the log never reached, and is told the real last one.
 */
async function lastSeqUpTo(
  core: EngineCore,
  conversationId: string,
  sinceSeq: number,
): Promise<number> {
  if (sinceSeq <= 0) return 0;
  const at = await core.store.listMessages(conversationId, { afterSeq: sinceSeq - 1, limit: 1 });
  if (at[0]?.seq === sinceSeq) return sinceSeq;
  const log = await core.readLog(conversationId);
  return log.at(-1)?.seq ?? 0;
}
