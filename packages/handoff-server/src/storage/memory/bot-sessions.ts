import { HandoffServerError } from '../../internal/errors';
import { type BotSessionOps, type BotSessionRecord, boundedLimit } from '../bot-sessions';
import { compareText } from '../shared';
import type { MemoryState } from './state';

const SESSIONS = new WeakMap<MemoryState, Map<string, BotSessionRecord>>();

/** The bot sessions of one memory store (retention and patient deletion reach them too). */
export function memoryBotSessionMap(state: MemoryState): Map<string, BotSessionRecord> {
  let sessions = SESSIONS.get(state);
  if (!sessions) {
    sessions = new Map();
    SESSIONS.set(state, sessions);
  }
  return sessions;
}

/** Bot sessions in a map (the in-memory store is for tests and trials). */
export function memoryBotSessions(state: MemoryState): BotSessionOps {
  const sessions = memoryBotSessionMap(state);
  const copy = (s: BotSessionRecord): BotSessionRecord => ({ ...s });
  return {
    async startBotSession(input) {
      const existing = sessions.get(input.id);
      if (existing) {
        if (existing.patientId !== input.patientId)
          throw new HandoffServerError('conflict', 'bot session id in use');
        return { session: copy(existing), created: false };
      }
      const session: BotSessionRecord = {
        ...input,
        timeZone: input.timeZone ?? null,
        lastActivityAt: input.startedAt,
        endedAt: null,
        outcome: null,
        escalation: null,
        handoffConversationId: null,
      };
      sessions.set(input.id, session);
      return { session: copy(session), created: true };
    },
    async getBotSession(id) {
      const s = sessions.get(id);
      return s ? copy(s) : null;
    },
    async touchBotSession(id, at) {
      const s = sessions.get(id);
      if (!s || s.endedAt !== null) return null;
      if (compareText(at, s.lastActivityAt) > 0) s.lastActivityAt = at;
      return copy(s);
    },
    async endBotSession(id, end) {
      const s = sessions.get(id);
      if (!s || s.endedAt !== null) return null;
      s.endedAt = end.at;
      s.outcome = end.outcome;
      s.escalation = end.escalation ?? null;
      s.handoffConversationId = end.handoffConversationId ?? null;
      return copy(s);
    },
    async listOpenBotSessions(limit) {
      return [...sessions.values()]
        .filter((s) => s.endedAt === null)
        .sort((a, b) => compareText(a.startedAt, b.startedAt) || compareText(a.id, b.id))
        .slice(0, boundedLimit(limit))
        .map(copy);
    },
    async countOpenBotSessions() {
      let n = 0;
      for (const s of sessions.values()) if (s.endedAt === null) n += 1;
      return n;
    },
    async listBotSessionsEndedSince(since, limit) {
      return [...sessions.values()]
        .filter((s) => s.endedAt !== null && compareText(s.endedAt, since) >= 0)
        .sort((a, b) => compareText(b.endedAt!, a.endedAt!) || compareText(a.id, b.id))
        .slice(0, boundedLimit(limit))
        .map(copy);
    },
    async listConversationsEndedSince(since, limit) {
      return [...state.conversations.values()]
        .filter((c) => c.endedAt !== null && Date.parse(c.endedAt) >= Date.parse(since))
        .sort((a, b) => compareText(b.endedAt!, a.endedAt!) || compareText(a.id, b.id))
        .slice(0, boundedLimit(limit))
        .map((c) => ({ ...c }));
    },
  };
}
