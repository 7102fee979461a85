import { loadScenarios, type ScenarioInput } from '@baton/directline-emulator';

/** "show cards": a hero card, an Adaptive Card with inputs, and suggested actions. */
const cards: ScenarioInput = {
  id: 'test-cards',
  title: 'Cards',
  interrupt: true,
  triggers: { en: ['^show cards$'] },
  steps: [
    {
      id: 'cards',
      say: [
        {
          kind: 'heroCard',
          title: 'North clinic',
          subtitle: 'Open 8:00–18:00',
          text: 'Walk-in vaccinations every morning.',
          buttons: [
            { title: 'Book a visit', type: 'imBack', value: 'appointment' },
            { title: 'Clinic website', type: 'openUrl', value: 'https://example.org/clinic' },
          ],
        },
        {
          kind: 'adaptiveCard',
          card: {
            type: 'AdaptiveCard',
            version: '1.5',
            body: [
              { type: 'TextBlock', text: 'A few questions', weight: 'bolder', size: 'large' },
              { type: 'Input.Number', id: 'age', label: 'Age', min: 0, max: 120 },
              {
                type: 'Input.ChoiceSet',
                id: 'duration',
                label: 'Since when?',
                style: 'expanded',
                choices: [
                  { title: 'Today', value: 'today' },
                  { title: 'Several days', value: 'days' },
                ],
              },
              {
                type: 'Input.ChoiceSet',
                id: 'where',
                label: 'Where does it hurt?',
                choices: [
                  { title: 'Head', value: 'head' },
                  { title: 'Back', value: 'back' },
                ],
              },
              { type: 'Input.Text', id: 'note', label: 'Anything else?', isMultiline: true },
              { type: 'Input.Toggle', id: 'fever', title: 'I have a fever' },
              { type: 'FactSet', facts: [{ title: 'Clinic', value: 'North' }] },
            ],
            actions: [{ type: 'Action.Submit', title: 'Submit answers', data: { step: 'triage' } }],
          },
        },
        { kind: 'suggestedActions', text: 'Anything else?', actions: [{ title: 'No thanks' }] },
      ],
    },
  ],
};

/** "hostile": what a compromised or buggy bot might send. Every payload sets window.__pwned. */
const hostile: ScenarioInput = {
  id: 'test-hostile',
  title: 'Hostile',
  interrupt: true,
  triggers: { en: ['^hostile$'] },
  steps: [
    {
      id: 'hostile',
      say: [
        {
          kind: 'text',
          text: '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script> [click me](javascript:window.__pwned=3) [data](data:text/html,<script>parent.__pwned=4</script>) ![i](javascript:window.__pwned=5) <a href="javascript:window.__pwned=6">raw</a> <svg onload="window.__pwned=7"></svg> <iframe srcdoc="<script>parent.__pwned=8</script>"></iframe>',
        },
        {
          kind: 'heroCard',
          title: '<img src=x onerror="window.__pwned=9">',
          images: [
            'javascript:window.__pwned=10',
            'data:image/svg+xml,<svg onload="window.__pwned=11">',
          ],
          buttons: [{ title: 'Evil link', type: 'openUrl', value: 'javascript:window.__pwned=12' }],
        },
        {
          kind: 'adaptiveCard',
          card: {
            type: 'AdaptiveCard',
            body: [
              { type: 'TextBlock', text: '[card link](javascript:window.__pwned=13)' },
              { type: 'Image', url: 'javascript:window.__pwned=14', altText: 'x' },
            ],
            actions: [
              { type: 'Action.OpenUrl', title: 'Card evil', url: 'javascript:window.__pwned=15' },
            ],
          },
        },
        { kind: 'text', text: 'end of hostile payloads' },
      ],
    },
  ],
};

/**
 * "heavy": 100,000-character inputs that made the old markdown patterns backtrack
 * quadratically (a TextBlock of backticks froze the page ~4 s per render).
 */
const heavy: ScenarioInput = {
  id: 'test-heavy',
  title: 'Heavy',
  interrupt: true,
  triggers: { en: ['^heavy$'] },
  steps: [
    {
      id: 'heavy',
      say: [
        {
          kind: 'adaptiveCard',
          card: { type: 'AdaptiveCard', body: [{ type: 'TextBlock', text: '`'.repeat(100_000) }] },
        },
        { kind: 'text', text: '*a '.repeat(33_334) },
        { kind: 'text', text: '[a'.repeat(50_000) },
        { kind: 'text', text: `see <a href="https://example.org/heavy">` },
        { kind: 'text', text: 'end of heavy payloads' },
      ],
    },
  ],
};

/** "show form": an Adaptive Card whose name is required (the Send gives feedback when empty). */
const requiredForm: ScenarioInput = {
  id: 'test-required-form',
  title: 'Required form',
  interrupt: true,
  triggers: { en: ['^show form$'] },
  steps: [
    {
      id: 'form',
      say: [
        {
          kind: 'adaptiveCard',
          card: {
            type: 'AdaptiveCard',
            version: '1.5',
            body: [
              { type: 'Input.Text', id: 'fullName', label: 'Full name', isRequired: true },
              { type: 'Input.Text', id: 'note', label: 'Anything else?' },
            ],
            actions: [{ type: 'Action.Submit', title: 'Send details' }],
          },
        },
      ],
    },
  ],
};

/** "near me": the bot asks for the patient's location; a shared one gets a nearby clinic. */
const nearMe: ScenarioInput = {
  id: 'test-near-me',
  title: 'Near me',
  interrupt: true,
  triggers: { en: ['^near me$'] },
  steps: [
    {
      id: 'ask',
      say: [{ kind: 'shareLocation', text: 'Shall I look for a clinic near you?' }],
      expect: [
        { on: 'location', goto: 'nearby' },
        { on: 'text', patterns: { en: ['^no\\b'] }, goto: 'declined' },
      ],
    },
    {
      id: 'nearby',
      say: [{ kind: 'text', text: 'The nearest clinic is Riverside, 1.2 km.' }],
      next: '$end',
    },
    { id: 'declined', say: [{ kind: 'text', text: 'No problem, I will not use your location.' }] },
  ],
};

/** The emulator's built-in scenarios plus the three above. */
export function testScenarios(): ScenarioInput[] {
  return [...loadScenarios(), cards, hostile, heavy, requiredForm, nearMe];
}
