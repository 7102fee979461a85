// @vitest-environment happy-dom
import type { Transcript } from '@baton/handoff-protocol';
import { screen, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { BotTranscript } from '../src/ui/BotTranscript';
import { cleanupRendered, renderInConsole } from './support/render';

afterEach(cleanupRendered);

const at = new Date().toISOString();

const transcript: Transcript = {
  entries: [
    {
      id: 'b1',
      from: 'bot',
      at,
      cards: [
        {
          kind: 'adaptive',
          contentType: 'application/vnd.microsoft.card.adaptive',
          summary: 'Your symptoms\nAge\nDuration',
          buttons: [{ title: 'Submit' }],
          content: {
            type: 'AdaptiveCard',
            body: [
              { type: 'TextBlock', text: 'Your **symptoms**', weight: 'bolder' },
              { type: 'FactSet', facts: [{ title: 'Onset', value: 'Monday' }] },
              { type: 'Input.Number', id: 'age', label: 'Age' },
              {
                type: 'Input.ChoiceSet',
                id: 'duration',
                label: 'Duration',
                choices: [
                  { title: 'Hours', value: 'h' },
                  { title: 'Days', value: 'd' },
                ],
              },
              { type: 'Image', url: 'https://evil.example/track.png', altText: 'Body map' },
              { type: 'Unknown', fallback: { type: 'TextBlock', text: 'Fallback text' } },
            ],
            actions: [
              { type: 'Action.Submit', title: 'Submit' },
              { type: 'Action.OpenUrl', title: 'Evil', url: 'javascript:alert(1)' },
            ],
          },
        },
        {
          kind: 'hero',
          contentType: 'application/vnd.microsoft.card.hero',
          title: 'Find a clinic',
          subtitle: 'Near you',
          summary: 'Find a clinic\nNear you\nOpen until 8 pm\n[Open map] [Call]',
          buttons: [{ title: 'Open map' }, { title: 'Call' }],
        },
      ],
    },
  ],
};

describe('bot cards in the console (read-only)', () => {
  it('renders an Adaptive Card from its JSON and a hero card as a card, with nothing to press or fetch', () => {
    renderInConsole(<BotTranscript transcript={transcript} />);
    const cards = screen.getAllByRole('figure');
    expect(cards).toHaveLength(2);
    const adaptive = within(cards[0]!);
    expect(adaptive.getByText('symptoms').tagName).toBe('STRONG');
    expect(adaptive.getByText('Onset').tagName).toBe('DT');
    expect(adaptive.getByText('Monday').tagName).toBe('DD');
    expect(adaptive.getByText('Age')).toBeTruthy();
    expect(adaptive.getByText('Hours · Days')).toBeTruthy();
    expect(adaptive.getByText('Image: Body map')).toBeTruthy();
    expect(adaptive.getByText('Fallback text')).toBeTruthy();
    expect(
      within(adaptive.getByRole('list', { name: 'The bot offered' })).getAllByRole('listitem'),
    ).toHaveLength(2);
    const hero = within(screen.getByRole('figure', { name: 'Find a clinic' }));
    expect(hero.getByText('Near you')).toBeTruthy();
    expect(hero.getByText('Open until 8 pm')).toBeTruthy();
    expect(hero.queryByText('[Open map] [Call]')).toBeNull();
    expect(hero.getAllByRole('listitem').map((li) => li.textContent)).toEqual(['Open map', 'Call']);
    // Read-only and inert: no buttons, no links, no images loaded from the card.
    const root = document.querySelector('.bot-transcript')!;
    expect(root.querySelectorAll('button, a, img, input')).toHaveLength(0);
  });
});
