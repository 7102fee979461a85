import { describe, expect, it } from 'vitest';
import { es } from './es';
import { fr } from './fr';

// The handoff (the bot hands the patient to a person) and the transfer (an agent hands the
// conversation to another agent or queue) are two things an agent must tell apart: in French
// and Spanish, the handoff's words are not the transfer's.
const HANDOFF_KEYS = [
  'reason_bot_initiated',
  'reasonBotInitiated',
  'state_handoff_requested',
  'event_handoff_request',
  'botTranscript',
  'botAfterHandoff',
  'outcome_escalated',
  'botFigEscalated',
  'botChartReasons',
  'mapOutcomeEscalatedWhy',
  'escalationConsecutiveFallbacks',
  'escalationConfirm',
  'settingsSaved',
  'routingSaved',
  'consultSinceOpened',
] as const;

describe('the handoff’s words', () => {
  it.each([
    ['fr', fr, /transf/i],
    ['es', es, /transf|traspas/i],
  ] as const)('in %s are not the transfer’s', (_, strings, transferWord) => {
    expect(strings.transfer).toMatch(transferWord);
    const confusing = HANDOFF_KEYS.filter((key) => transferWord.test(strings[key]));
    expect(confusing).toEqual([]);
  });
});
