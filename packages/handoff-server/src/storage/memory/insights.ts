import {
  type ConversationFact,
  capFacts,
  type EscalationRecord,
  type FollowUpFact,
  type InsightOps,
  type SettingRecord,
  type SurveyFact,
  type WaitFact,
} from '../insight-records';
import type { Survey } from '../records';
import { compareText, nowIso } from '../shared';
import { memoryBotSessionMap } from './bot-sessions';
import { memoryPatientZones } from './patient-zones';
import type { MemoryState } from './state';

const within = (at: string | null, from: number, to: number): boolean => {
  if (at === null) return false;
  const t = Date.parse(at);
  return t >= from && t < to;
};

/** Analytics facts by scanning the maps; escalations and settings kept beside the state. */
export function memoryInsights(state: MemoryState): InsightOps {
  const escalations = new Map<string, EscalationRecord[]>();
  const settings = new Map<string, SettingRecord>();
  return {
    async recordEscalation(record) {
      const list = escalations.get(record.conversationId) ?? [];
      const at = new Date(record.requestedAt).toISOString();
      if (list.some((e) => e.requestedAt === at)) return;
      list.push({ ...record, requestedAt: at });
      list.sort((a, b) => compareText(a.requestedAt, b.requestedAt));
      escalations.set(record.conversationId, list);
    },

    async analyticsFacts(range) {
      const from = Date.parse(range.from);
      const to = Date.parse(range.to);
      const matches = (queue: string | null, agentId: string | null) =>
        (range.queue === undefined || queue === range.queue) &&
        (range.agentId === undefined || agentId === range.agentId);
      const sessions = [...memoryBotSessionMap(state).values()];
      const zones = new Map<string, string>();
      for (const b of sessions)
        if (b.handoffConversationId !== null && b.timeZone !== null)
          zones.set(b.handoffConversationId, b.timeZone);
      // The zone of the verified request context wins over the browser's (bot session).
      for (const [id, zone] of memoryPatientZones(state)) zones.set(id, zone);
      const conversations: ConversationFact[] = [];
      for (const c of state.conversations.values()) {
        if (!within(c.createdAt, from, to) || !matches(c.queue, c.assignedAgentId)) continue;
        const claims = state.queueWaits
          .filter((w) => w.conversationId === c.id)
          .sort((a, b) => compareText(a.claimedAt, b.claimedAt));
        const replies = (state.messages.get(c.id) ?? []).filter(
          (m) => m.from === 'agent' && m.kind === 'message',
        );
        conversations.push({
          id: c.id,
          state: c.state,
          queue: c.queue,
          priority: c.priority,
          agentId: c.assignedAgentId,
          createdAt: c.createdAt,
          endedAt: c.endedAt,
          escalationKind: escalations.get(c.id)?.[0]?.kind ?? null,
          firstClaimAt: claims[0]?.claimedAt ?? null,
          firstWaitMs: claims[0]?.waitedMs ?? null,
          firstAgentReplyAt: replies[0]?.createdAt ?? null,
          patientTimeZone: zones.get(c.id) ?? null,
        });
      }
      conversations.sort(
        (a, b) => compareText(a.createdAt, b.createdAt) || compareText(a.id, b.id),
      );
      const waits: WaitFact[] = [];
      for (const w of state.queueWaits) {
        const c = state.conversations.get(w.conversationId);
        if (!c || !within(w.claimedAt, from, to) || !matches(w.queue, c.assignedAgentId)) continue;
        waits.push({ ...w, agentId: c.assignedAgentId });
      }
      waits.sort((a, b) => compareText(a.claimedAt, b.claimedAt));
      const followUps: FollowUpFact[] = [];
      for (const f of state.followUps.values()) {
        if (!within(f.createdAt, from, to) && !within(f.closedAt, from, to)) continue;
        if (range.queue !== undefined && f.queue !== range.queue) continue;
        if (range.agentId !== undefined && f.claimedBy !== range.agentId) continue;
        followUps.push({
          id: f.id,
          queue: f.queue,
          kind: f.kind,
          status: f.status,
          createdAt: f.createdAt,
          closedAt: f.closedAt,
          closedBy: f.status === 'closed' ? f.claimedBy : null,
        });
      }
      followUps.sort((a, b) => compareText(a.createdAt, b.createdAt) || compareText(a.id, b.id));
      const surveyResponses: SurveyFact[] = [];
      const surveys = new Map<string, Survey>();
      for (const r of state.responses.values()) {
        const c = state.conversations.get(r.conversationId);
        if (!c || !within(r.submittedAt, from, to) || !matches(c.queue, c.assignedAgentId))
          continue;
        surveyResponses.push({
          surveyId: r.surveyId,
          conversationId: r.conversationId,
          queue: c.queue,
          agentId: c.assignedAgentId,
          answers: { ...r.answers },
          submittedAt: r.submittedAt,
        });
        const survey = state.surveys.get(r.surveyId);
        if (survey) surveys.set(survey.id, structuredClone(survey));
      }
      surveyResponses.sort(
        (a, b) =>
          compareText(a.submittedAt, b.submittedAt) ||
          compareText(a.conversationId, b.conversationId),
      );
      return capFacts({
        conversations,
        waits,
        followUps,
        surveyResponses,
        surveys: [...surveys.values()].sort((a, b) => compareText(a.id, b.id)),
        truncated: false,
        botSessions: sessions
          .filter((b) => within(b.startedAt, from, to))
          .sort((a, b) => compareText(a.startedAt, b.startedAt) || compareText(a.id, b.id))
          .map(({ patientId: _p, lastActivityAt: _l, handoffConversationId: _h, ...fact }) => fact),
      });
    },

    async getSetting(name) {
      const found = settings.get(name);
      return found ? structuredClone(found) : null;
    },
    async putSetting(name, value, updatedBy) {
      const record: SettingRecord = {
        name,
        value: structuredClone(value),
        updatedAt: nowIso(),
        updatedBy,
      };
      settings.set(name, record);
      return structuredClone(record);
    },
    async countFinishedBefore(cutoff) {
      let n = 0;
      for (const c of state.conversations.values())
        if (c.endedAt !== null && Date.parse(c.endedAt) < cutoff.getTime()) n += 1;
      return n;
    },
    async listSettings() {
      return [...settings.values()]
        .sort((a, b) => compareText(a.name, b.name))
        .map((s) => structuredClone(s));
    },
  };
}
