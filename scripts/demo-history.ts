import type { ConversationStore } from '@baton/handoff-server';

/**
 * A scripted morning for the demo's Analytics view (once per data folder): handled, abandoned,
 * expired and failed conversations with their escalation reasons, queue waits, agent replies,
 * survey answers and a follow-up. Ids only, no message text worth reading.
 */
export async function seedDemoHistory(store: ConversationStore): Promise<boolean> {
  if (await store.getConversation('demo-history-1')) return false;
  await store.saveSurvey({
    id: 'demo-csat',
    title: 'Satisfaction',
    questions: [
      { id: 'rating', text: 'How satisfied are you with this chat?', kind: 'rating' },
      { id: 'solved', text: 'Was your question answered?', kind: 'choice', choices: ['yes', 'no'] },
    ],
  });
  // The agents the history names, so the dashboard and analytics show their names before
  // they first sign in.
  for (const [id, displayName] of [
    ['amelie', 'Amélie Roux'],
    ['bruno', 'Bruno Diaz'],
    ['sam', 'Sam Okafor'],
  ] as const)
    await store.upsertAgent({ id, displayName, queues: ['general'], capacity: 3 });
  const handled: [string, number, string, number, string][] = [
    ['amelie', 45_000, 'patient-requested', 5, 'yes'],
    ['bruno', 130_000, 'bot-failure', 3, 'no'],
    ['amelie', 20_000, 'urgent', 4, 'yes'],
    ['sam', 75_000, 'patient-requested', 5, 'yes'],
  ];
  let n = 0;
  const next = () => `demo-history-${++n}`;
  const now = () => new Date().toISOString();
  for (const [agent, waitedMs, kind, rating, solved] of handled) {
    const id = next();
    await store.createConversation({
      id,
      patientId: `demo-patient-${n}`,
      state: 'handoff_requested',
    });
    await store.recordEscalation({ conversationId: id, kind, requestedAt: now() });
    await store.enqueue(id, {
      queue: 'general',
      priority: kind === 'urgent' ? 'urgent' : 'routine',
    });
    await store.claimConversation(id, agent);
    await store.recordQueueWait({
      queue: 'general',
      conversationId: id,
      waitedMs,
      claimedAt: now(),
    });
    await store.appendMessage(id, {
      clientMessageId: `${id}-reply`,
      from: 'agent',
      senderId: agent,
      body: JSON.stringify({ kind: 'chat', text: 'Hello, how can I help?' }),
    });
    await store.updateState(id, { expected: 'assigned', next: 'ended' });
    await store.recordSurveyResponse({
      id: `${id}-survey`,
      surveyId: 'demo-csat',
      conversationId: id,
      patientId: `demo-patient-${n}`,
      answers: { rating, solved },
    });
  }
  for (const [state, kind] of [
    ['abandoned', 'patient-requested'],
    ['expired', 'bot-failure'],
    ['failed', 'host'],
  ] as const) {
    const id = next();
    await store.createConversation({
      id,
      patientId: `demo-patient-${n}`,
      state: 'handoff_requested',
    });
    await store.recordEscalation({ conversationId: id, kind, requestedAt: now() });
    await store.enqueue(id, { queue: 'general', priority: 'routine' });
    await store.updateState(id, { expected: 'queued', next: state });
    if (state === 'expired')
      await store.createFollowUp({
        id: `${id}-followup`,
        key: `demo:${id}`,
        conversationId: id,
        queue: 'general',
        priority: 'routine',
        patientId: `demo-patient-${n}`,
        kind: 'expired',
        detail: { reason: 'expired' },
      });
  }
  // Bot conversations of the morning (containment in Analytics): closed by the bot, handed
  // over, left; patients in two time zones.
  const botDay: [string, 'contained' | 'escalated' | 'abandoned', string][] = [
    ['/', 'contained', 'Europe/Paris'],
    ['/appointments', 'contained', 'Europe/Paris'],
    ['/appointments', 'contained', 'America/Montreal'],
    ['/billing', 'escalated', 'Europe/Paris'],
    ['/', 'abandoned', 'America/Montreal'],
  ];
  for (const [i, [entryPath, outcome, timeZone]] of botDay.entries()) {
    const id = `demo-bot-${i + 1}`;
    await store.startBotSession({
      id,
      patientId: `demo-patient-bot-${i + 1}`,
      locale: timeZone === 'America/Montreal' ? 'fr' : 'en',
      entryPath,
      startedAt: now(),
      timeZone,
    });
    await store.endBotSession(id, {
      outcome,
      at: now(),
      ...(outcome === 'escalated'
        ? { escalation: 'patient-requested', handoffConversationId: 'demo-history-1' }
        : {}),
    });
  }
  return true;
}
