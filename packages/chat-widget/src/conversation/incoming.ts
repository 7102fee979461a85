import type { Activity } from '../directline/activity';
import { describeActivity } from '../directline/debug-log';
import { type ControllerCore, saveHandle, showMessages, update } from './core';
import { inspect } from './escalation-flow';
import { LOCATION_EVENTS } from './location';
import { declineLocation } from './outgoing';

const TYPING_MS = 6000;

/** `replay`: history fetched on resume; shown, but detectors and events already saw it. */
export function receive(c: ControllerCore, activity: Activity, replay = false): void {
  if (!activity || typeof activity.type !== 'string') return;
  const options = c._options;
  options.debug?.(describeActivity('in', activity));
  const result = c._log.receive(activity, c._session?.userId);
  if (result === 'duplicate') return;
  saveHandle(c);
  if (result === 'echo' || replay) {
    showMessages(c);
    return;
  }
  c._events.emit('incoming', activity);
  if (activity.type === 'typing') {
    setTyping(c, true);
    return;
  }
  if (activity.type === 'message') {
    setTyping(c, false);
    showMessages(c);
  }
  if (activity.type === 'event' && activity.name && LOCATION_EVENTS.has(activity.name)) {
    // Allowed: the patient decides with a button. Not allowed: a quiet "no" moves the bot on.
    if (options.shareLocation) update(c, { locationRequest: activity.name });
    else declineLocation(c);
  }
  inspect(c, { direction: 'incoming', activity, locale: options.locale() });
}

function setTyping(c: ControllerCore, typing: boolean): void {
  clearTimeout(c._typingTimer);
  if (typing) c._typingTimer = setTimeout(() => update(c, { typing: false }), TYPING_MS);
  if (c._state.typing !== typing) update(c, { typing });
}
