import type { ConversationStore } from '@baton/handoff-server';

/**
 * Two handled (waits 1 and 2 min), one abandoned, one expired, one failed, one bot-only; and
 * four bot sessions: two closed by the bot, one handed over, one left (containment 75 %).
 */
export async function scriptedDay(store: ConversationStore) {
  const handled = [
    ['d1', 'amelie', 60_000, 'patient-requested', 5],
    ['d2', 'bruno', 120_000, 'urgent', 3],
  ] as const;
  await store.saveSurvey({
    id: 'csat',
    title: 'Satisfaction',
    questions: [{ id: 'q1', text: 'How was your chat?', kind: 'rating' }],
  });
  for (const [id, agent, waitedMs, kind, rating] of handled) {
    await store.createConversation({ id, patientId: `p-${id}`, state: 'handoff_requested' });
    await store.recordEscalation({
      conversationId: id,
      kind,
      requestedAt: new Date().toISOString(),
    });
    await store.enqueue(id, { queue: 'general', priority: 'routine' });
    await store.updateState(id, { expected: 'queued', next: 'assigned', assignedAgentId: agent });
    await store.recordQueueWait({
      queue: 'general',
      conversationId: id,
      waitedMs,
      claimedAt: new Date().toISOString(),
    });
    await store.appendMessage(id, {
      clientMessageId: `${id}-a`,
      from: 'agent',
      senderId: agent,
      body: '{}',
    });
    await store.updateState(id, { expected: 'assigned', next: 'ended' });
    await store.recordSurveyResponse({
      id: `r-${id}`,
      surveyId: 'csat',
      conversationId: id,
      patientId: `p-${id}`,
      answers: { q1: rating },
    });
  }
  for (const [id, next] of [
    ['d3', 'abandoned'],
    ['d4', 'expired'],
    ['d5', 'failed'],
  ] as const) {
    await store.createConversation({ id, patientId: `p-${id}`, state: 'handoff_requested' });
    await store.recordEscalation({
      conversationId: id,
      kind: 'bot-failure',
      requestedAt: new Date().toISOString(),
    });
    await store.enqueue(id, { queue: 'billing', priority: 'routine' });
    await store.updateState(id, { expected: 'queued', next });
  }
  await store.createConversation({ id: 'd6', patientId: 'p-d6' });
  const now = new Date().toISOString();
  for (const [id, outcome] of [
    ['bot-1', 'contained'],
    ['bot-2', 'contained'],
    ['bot-3', 'escalated'],
    ['bot-4', 'abandoned'],
  ] as const) {
    await store.startBotSession({
      id,
      patientId: `p-${id}`,
      locale: 'en',
      entryPath: '/appointments',
      startedAt: now,
      timeZone: 'Europe/Paris',
    });
    await store.endBotSession(id, {
      outcome,
      at: now,
      ...(outcome === 'escalated' ? { escalation: 'patient-requested' } : {}),
    });
  }
}
