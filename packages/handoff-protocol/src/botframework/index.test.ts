import { expect, it } from 'vitest';
import * as botframework from './index';

it('exports exactly the Bot Framework interop API', () => {
  expect(Object.keys(botframework).sort()).toEqual([
    'ESCALATION_SIGNAL_DETAILS',
    'HANDOFF_EVENT_NAMES',
    'createHandoffStatus',
    'detectEscalationSignal',
    'handoffRequestFromInitiation',
    'handoffStatusForConversationState',
  ]);
});
