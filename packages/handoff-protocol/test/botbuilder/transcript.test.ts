import { describe, expect, it } from 'vitest';
import { Transcript } from '../../src/domain/transcript';
import { HANDOFF_INITIATE_NOTICE, normalizeTranscript } from '../../src/transcript/index';
import { runBotConversation } from './bot';

const now = () => new Date('2026-01-01T00:00:00.000Z');

describe('normalising a real botbuilder conversation', () => {
  it('reads messages, suggested actions, hero and Adaptive Cards, files; drops typing', async () => {
    const { logged } = await runBotConversation();
    expect(logged.some((activity) => (activity as { type?: string }).type === 'typing')).toBe(true);

    const transcript = normalizeTranscript(logged, { now });
    expect(Transcript.safeParse(transcript).success).toBe(true);
    expect(transcript.truncated).toBeUndefined();

    const view = transcript.entries.map((entry) => ({
      from: entry.from,
      text: entry.text,
      cards: entry.cards?.map((card) => card.kind),
      files: entry.attachments,
      actions: entry.suggestedActions?.map((action) => action.title),
    }));
    expect(view).toEqual([
      { from: 'patient', text: 'hello' },
      { from: 'bot', text: 'Hi! I am the **clinic** assistant.' },
      { from: 'bot', text: 'How can I help?', actions: ['Book a visit', 'Talk to a nurse'] },
      { from: 'patient', text: 'Book a visit' },
      { from: 'bot', cards: ['hero'] },
      { from: 'bot', text: 'Tell me more:', cards: ['adaptive'] },
      { from: 'bot', files: [{ contentType: 'image/png', name: 'map.png' }] },
      { from: 'patient', text: 'Talk to a nurse' },
      { from: 'system', text: HANDOFF_INITIATE_NOTICE },
    ]);

    const hero = transcript.entries[4]?.cards?.[0];
    expect(hero).toMatchObject({
      title: 'Dr. Grace Hopper',
      summary: 'Dr. Grace Hopper\nCardiology, North clinic\n[Book Dr. Hopper] [Profile]',
      buttons: [{ title: 'Book Dr. Hopper', value: 'book hopper' }, { title: 'Profile' }],
    });
    const adaptive = transcript.entries[5]?.cards?.[0];
    expect(adaptive?.summary).toBe(
      'Symptom check\nSince: 2 days\nPain level: Mild | Severe\n[Send]',
    );
    expect(adaptive?.content).toMatchObject({ type: 'AdaptiveCard', version: '1.5' });

    const wire = JSON.stringify(transcript);
    for (const secret of ['image-secret', 'url-secret', 'blob-secret', 'chest pain']) {
      expect(wire).not.toContain(secret);
    }
    for (const entry of transcript.entries) {
      expect(entry.sourceActivityIds?.[0]).toBe(entry.id);
    }
  });

  it('ignores the repeat when the same activities are delivered twice', async () => {
    const { logged } = await runBotConversation();
    const once = normalizeTranscript(logged, { now });
    const twice = normalizeTranscript([...logged, ...logged], { now });
    expect(twice.entries.map((entry) => entry.id)).toEqual(once.entries.map((entry) => entry.id));
  });
});
