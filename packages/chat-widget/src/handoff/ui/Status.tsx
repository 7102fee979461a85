import type { AgentInfo } from '@baton/handoff-protocol';
import { format } from '../../i18n/strings';
import type { HandoffState } from '../state';
import type { HandoffStrings } from './strings';

export function agentName(agent: AgentInfo | undefined, strings: HandoffStrings): string {
  return agent?.displayName ?? strings.agent;
}

/** Where the handoff stands, in one sentence: shown in the banner and announced. */
export function statusText(state: HandoffState, strings: HandoffStrings): string {
  if (state.link === 'reconnecting' && (state.phase === 'queued' || state.phase === 'assigned')) {
    return strings.reconnecting;
  }
  switch (state.phase) {
    case 'requesting':
      return strings.requesting;
    case 'queued': {
      const queue = state.queue;
      if (!queue) return strings.requesting;
      const wait = queue.estimatedWaitSeconds;
      return `${format(strings.queued, { position: String(queue.position) })} ${
        wait === null
          ? strings.waitUnknown
          : format(strings.wait, { minutes: String(Math.max(1, Math.round(wait / 60))) })
      }`;
    }
    case 'assigned':
      return format(strings.withAgent, { name: agentName(state.agent, strings) });
    case 'ended':
      return strings.ended;
    case 'returned':
      return strings.returned;
    case 'failed': {
      // Once the patient's message or callback request is sent: what happens next.
      const sent = state.fallback?.status === 'done' ? state.fallback.value : undefined;
      if (sent === 'leave-message') return strings.messageSent;
      if (state.confirmed) return strings.appointmentBooked;
      return sent === 'callback' ? strings.callbackSent : strings.failed;
    }
    case 'unavailable':
      if (state.error === 'rate_limited') return strings.tooManyConnections;
      return state.error === 'handoff_in_progress' ? strings.alreadyOpen : strings.unavailable;
  }
}

export function HandoffBanner(props: { state: HandoffState; strings: HandoffStrings }) {
  return <p class="status handoff-status">{statusText(props.state, props.strings)}</p>;
}
