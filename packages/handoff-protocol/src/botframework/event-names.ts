/** Bot Framework's handoff event names (botbuilder `HandoffEventNames`). */
export const HANDOFF_EVENT_NAMES = {
  initiate: 'handoff.initiate',
  status: 'handoff.status',
} as const;
