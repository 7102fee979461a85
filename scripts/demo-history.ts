import type { ConversationStore } from '@baton/handoff-server';

/**
 * A morning for the demo's Analytics view (once per data folder): handled, abandoned, expired
 * and failed conversations with their escalation reasons, queue waits, a few lines each way,
 * survey answers and a follow-up. Times follow a plan (`DemoHistoryTimes`): the store API
 * stamps messages and endings with the time of the seed, so demo-history-times.ts moves them
 * to the planned minutes afterwards, and first response and handle time read as in a real
 * morning rather than 0 s.
 */
interface HandledChat {
  agent: string;
  kind: string;
  /** Minutes before the seed when the patient started with the bot. */
  startedMinAgo: number;
  waitedMs: number;
  /** Claim → the agent's first line. */
  firstResponseMs: number;
  /** Claim → end. */
  handleMs: number;
  rating: number;
  solved: 'yes' | 'no';
  lines: [party: 'agent' | 'patient', text: string][];
}

const HANDLED: HandledChat[] = [
  {
    agent: 'amelie',
    kind: 'patient-requested',
    startedMinAgo: 170,
    waitedMs: 45_000,
    firstResponseMs: 25_000,
    handleMs: 6 * 60_000,
    rating: 5,
    solved: 'yes',
    lines: [
      ['agent', 'Hello, this is Amélie from Riverside Health. How can I help?'],
      ['patient', 'I need to move my blood test to next week.'],
      ['agent', 'Of course. Thursday at 8:40 at Main St is free; shall I book it?'],
      ['patient', 'Yes please, thank you.'],
      ['agent', 'Done: Thursday 8:40, Main St clinic. You will get a reminder the day before.'],
    ],
  },
  {
    agent: 'bruno',
    kind: 'bot-failure',
    startedMinAgo: 140,
    waitedMs: 130_000,
    firstResponseMs: 70_000,
    handleMs: 11 * 60_000,
    rating: 3,
    solved: 'no',
    lines: [
      ['agent', 'Hi, Bruno here. The assistant could not answer your billing question?'],
      ['patient', 'My last invoice shows a visit I did not have.'],
      ['agent', 'I see it. I will ask the billing team to check it and call you back.'],
    ],
  },
  {
    agent: 'amelie',
    kind: 'urgent',
    startedMinAgo: 105,
    waitedMs: 20_000,
    firstResponseMs: 12_000,
    handleMs: 9 * 60_000,
    rating: 4,
    solved: 'yes',
    lines: [
      ['agent', 'Hello, I am a nurse at Riverside. You mentioned strong pain since yesterday?'],
      ['patient', 'Yes, in my lower back, worse when I stand.'],
      ['agent', 'Any fever, or numbness in your legs?'],
      ['patient', 'No fever, no numbness.'],
      ['agent', 'Thank you. Dr. Meyer can see you today at 16:00; I have booked it.'],
    ],
  },
  {
    agent: 'sam',
    kind: 'patient-requested',
    startedMinAgo: 75,
    waitedMs: 75_000,
    firstResponseMs: 35_000,
    handleMs: 4 * 60_000,
    rating: 5,
    solved: 'yes',
    lines: [
      ['agent', 'Good morning, Sam speaking. What can I do for you?'],
      ['patient', 'Can I get a copy of my vaccination record?'],
      ['agent', 'Yes: it is under Test results in the portal; I have also sent it by mail.'],
    ],
  },
];

const NOT_HANDLED = [
  ['abandoned', 'patient-requested', 150],
  ['expired', 'bot-failure', 120],
  ['failed', 'host', 50],
] as const;

/** When each seeded row should have happened (ISO instants), by conversation id. */
export interface DemoHistoryTimes {
  conversations: {
    id: string;
    createdAt: string;
    endedAt: string;
    messages: { clientMessageId: string; at: string }[];
    surveyResponse?: { id: string; at: string };
  }[];
}

const BOT_MS = 2 * 60_000;

export async function seedDemoHistory(
  store: ConversationStore,
  now = Date.now(),
): Promise<DemoHistoryTimes | null> {
  if (await store.getConversation('demo-history-1')) return null;
  await store.saveSurvey({
    id: 'demo-csat',
    title: 'Satisfaction',
    questions: [
      { id: 'rating', text: 'How satisfied are you with this chat?', kind: 'rating' },
      { id: 'solved', text: 'Was your question answered?', kind: 'choice', choices: ['yes', 'no'] },
    ],
  });
  const at = (ms: number) => new Date(ms).toISOString();
  const times: DemoHistoryTimes = { conversations: [] };
  // The agents the history names, so the dashboard and analytics show their names before
  // they first sign in.
  for (const [id, displayName] of [
    ['amelie', 'Amélie Roux'],
    ['bruno', 'Bruno Diaz'],
    ['sam', 'Sam Okafor'],
  ] as const)
    await store.upsertAgent({ id, displayName, queues: ['general'], capacity: 3 });
  let n = 0;
  for (const chat of HANDLED) {
    const id = `demo-history-${++n}`;
    const started = now - chat.startedMinAgo * 60_000;
    const claimed = started + BOT_MS + chat.waitedMs;
    const ended = claimed + chat.handleMs;
    await store.createConversation({
      id,
      patientId: `demo-patient-${n}`,
      state: 'handoff_requested',
    });
    await store.recordEscalation({
      conversationId: id,
      kind: chat.kind,
      requestedAt: at(started + BOT_MS),
    });
    await store.enqueue(id, {
      queue: 'general',
      priority: chat.kind === 'urgent' ? 'urgent' : 'routine',
    });
    await store.updateState(id, {
      expected: 'queued',
      next: 'assigned',
      assignedAgentId: chat.agent,
    });
    await store.recordQueueWait({
      queue: 'general',
      conversationId: id,
      waitedMs: chat.waitedMs,
      claimedAt: at(claimed),
    });
    // The agent's first line after firstResponseMs, then the exchange spread until the end.
    const step = (chat.handleMs - chat.firstResponseMs) / chat.lines.length;
    const messages: DemoHistoryTimes['conversations'][number]['messages'] = [];
    for (const [i, [party, text]] of chat.lines.entries()) {
      const clientMessageId = `${id}-line-${i + 1}`;
      await store.appendMessage(id, {
        clientMessageId,
        from: party,
        senderId: party === 'agent' ? chat.agent : `demo-patient-${n}`,
        body: JSON.stringify({ kind: 'chat', text }),
      });
      messages.push({ clientMessageId, at: at(claimed + chat.firstResponseMs + i * step) });
    }
    await store.updateState(id, { expected: 'assigned', next: 'ended' });
    const surveyId = `${id}-survey`;
    await store.recordSurveyResponse({
      id: surveyId,
      surveyId: 'demo-csat',
      conversationId: id,
      patientId: `demo-patient-${n}`,
      answers: { rating: chat.rating, solved: chat.solved },
    });
    times.conversations.push({
      id,
      createdAt: at(started),
      endedAt: at(ended),
      messages,
      surveyResponse: { id: surveyId, at: at(ended + 40_000) },
    });
  }
  for (const [state, kind, startedMinAgo] of NOT_HANDLED) {
    const id = `demo-history-${++n}`;
    const started = now - startedMinAgo * 60_000;
    await store.createConversation({
      id,
      patientId: `demo-patient-${n}`,
      state: 'handoff_requested',
    });
    await store.recordEscalation({ conversationId: id, kind, requestedAt: at(started + BOT_MS) });
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
    const waited = state === 'abandoned' ? 3 * 60_000 : state === 'expired' ? 10 * 60_000 : 5_000;
    times.conversations.push({
      id,
      createdAt: at(started),
      endedAt: at(started + BOT_MS + waited),
      messages: [],
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
    const started = now - (150 - i * 25) * 60_000;
    await store.startBotSession({
      id,
      patientId: `demo-patient-bot-${i + 1}`,
      locale: timeZone === 'America/Montreal' ? 'fr' : 'en',
      entryPath,
      startedAt: at(started),
      timeZone,
    });
    await store.endBotSession(id, {
      outcome,
      at: at(started + 4 * 60_000),
      ...(outcome === 'escalated'
        ? { escalation: 'patient-requested', handoffConversationId: 'demo-history-1' }
        : {}),
    });
  }
  return times;
}
