// A small real Bot Framework bot (botbuilder's TestAdapter + TranscriptLoggerMiddleware), used
// to produce the activities Baton reads exactly as botbuilder builds them. Test-only: nothing
// under src/ imports botbuilder.
import {
  type Activity,
  ActivityTypes,
  CardFactory,
  EventFactory,
  MessageFactory,
  TestAdapter,
  type TranscriptLogger,
  TranscriptLoggerMiddleware,
  type TurnContext,
} from 'botbuilder';

export const heroCard = CardFactory.heroCard(
  'Dr. Grace Hopper',
  'Cardiology, North clinic',
  ['https://cdn.example/hopper.png?sig=image-secret'],
  [
    { type: 'imBack', title: 'Book Dr. Hopper', value: 'book hopper' },
    { type: 'openUrl', title: 'Profile', value: 'https://portal.example/profile?token=url-secret' },
  ],
);

export const adaptiveCard = CardFactory.adaptiveCard({
  type: 'AdaptiveCard',
  version: '1.5',
  body: [
    { type: 'TextBlock', text: 'Symptom check', size: 'Large' },
    { type: 'FactSet', facts: [{ title: 'Since', value: '2 days' }] },
    {
      type: 'Input.ChoiceSet',
      id: 'pain',
      label: 'Pain level',
      choices: [
        { title: 'Mild', value: '1' },
        { title: 'Severe', value: '3' },
      ],
    },
  ],
  actions: [{ type: 'Action.Submit', title: 'Send', data: { step: 'pain' } }],
});

/** Handoff context a bot would pass to `EventFactory.createHandoffInitiation`. */
export const handoffContext = {
  priority: 'urgent',
  skill: 'cardiology',
  department: 'Cardiology',
  language: 'fr-CA',
  memberTier: 'gold',
  symptoms: 'chest pain since Monday',
};

/**
 * Runs a scripted conversation through a real botbuilder pipeline and returns every
 * activity the transcript logger saw (incoming and outgoing), JSON round-tripped as it would
 * cross the wire.
 */
export async function runBotConversation(): Promise<{ logged: unknown[]; handoff: unknown }> {
  const logged: Partial<Activity>[] = [];
  const logger: TranscriptLogger = { logActivity: (activity) => void logged.push(activity) };
  const adapter = new TestAdapter(async (context: TurnContext) => {
    const text = context.activity.text ?? '';
    await context.sendActivity({ type: ActivityTypes.Typing });
    if (text === 'hello') {
      await context.sendActivity(MessageFactory.text('Hi! I am the **clinic** assistant.'));
      await context.sendActivity(
        MessageFactory.suggestedActions(['Book a visit', 'Talk to a nurse'], 'How can I help?'),
      );
    } else if (text === 'Book a visit') {
      await context.sendActivity(MessageFactory.attachment(heroCard));
      await context.sendActivity(MessageFactory.attachment(adaptiveCard, 'Tell me more:'));
      await context.sendActivity(
        MessageFactory.contentUrl(
          'https://blob.example/map.png?sig=blob-secret',
          'image/png',
          'map.png',
        ),
      );
    } else if (text === 'Talk to a nurse') {
      const transcript = { activities: JSON.parse(JSON.stringify(logged)) as Activity[] };
      await context.sendActivity(
        EventFactory.createHandoffInitiation(context, handoffContext, transcript),
      );
    }
  }).use(new TranscriptLoggerMiddleware(logger));

  await adapter.send('hello');
  await adapter.send('Book a visit');
  await adapter.send('Talk to a nurse');
  const wire = JSON.parse(JSON.stringify(logged)) as Record<string, unknown>[];
  const handoff = wire.find((activity) => activity.name === 'handoff.initiate');
  return { logged: wire, handoff };
}
