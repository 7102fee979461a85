import { stringsFor } from '../i18n/strings';
import { type ControllerCore, post, postQuietly, showMessages, update } from './core';
import { inspect } from './escalation-flow';
import { askLocation } from './location';
import { patientActivity, type SendExtra } from './patient-message';
import { initConversationActivity } from './session-start';

/** The patient's words to the bot: logged, shown as sending, read by the detectors, delivered. */
export function send(c: ControllerCore, text: string, extra: SendExtra = {}): void {
  const locale = c._options.locale();
  const activity = patientActivity(text, extra, locale);
  if (!activity) return;
  if (c._state.locationRequest) update(c, { locationRequest: undefined });
  const key = c._log.addOutgoing(activity, {
    hidden: extra.hidden ?? false,
    ...(extra.displayText ? { displayText: extra.displayText } : {}),
  });
  showMessages(c);
  // Detectors see the patient's words before the bot does: red flags act at once.
  inspect(c, { direction: 'outgoing', activity, locale });
  deliver(c, key);
}

/** A message shown as not sent, sent again. */
export function retry(c: ControllerCore, key: string): void {
  if (c._log.markSending(key)) {
    showMessages(c);
    deliver(c, key);
  }
}

/** What waited for the client (or for a new token) goes now. */
export function sendWaiting(c: ControllerCore): void {
  for (const key of c._waiting.splice(0)) deliver(c, key);
}

function deliver(c: ControllerCore, key: string): void {
  const activity = c._log.outgoingActivity(key);
  if (!activity) return;
  const log = c._log;
  const ended = c._state.connection === 'ended';
  // Typed right after opening, or while an expired token is being replaced: sent when the
  // client exists and is back online (a failure to get back marks it failed).
  if ((!c._client || c._link === 'reconnecting') && c._started && !ended) {
    c._waiting.push(key);
    return;
  }
  if (!c._client || ended) {
    log.markFailed(key);
    showMessages(c);
    return;
  }
  post(c, activity).subscribe(
    (id) => {
      if (id === 'retry') log.markFailed(key);
      else log.markSent(key, id);
      showMessages(c);
    },
    () => {
      if (c._link === 'reconnecting') {
        c._waiting.push(key); // the token expired meanwhile: sent once it is replaced
        return;
      }
      log.markFailed(key);
      showMessages(c);
    },
  );
}

/** Health Bot's `InitConversation` invoke: the signed patient token and a scenario. */
export function initConversation(c: ControllerCore): void {
  const { _session: session, _options: options } = c;
  if (!session) return;
  postQuietly(
    c,
    initConversationActivity(
      session.patientToken,
      options.locale(),
      options.triggeredScenario,
      options.context(),
    ),
  );
}

/** The patient's answer to the bot's location request: share it, or not now. */
export async function answerLocation(c: ControllerCore, share: boolean): Promise<void> {
  const name = c._state.locationRequest;
  if (!name) return;
  update(c, { locationRequest: undefined });
  const position = share ? await askLocation(c._options.shareLocation) : null;
  if (!position || !c._client) {
    declineLocation(c, share ? undefined : stringsFor(c._options.locale()).notNow);
    return;
  }
  postQuietly(c, { type: 'event', name, value: position, locale: c._options.locale() });
}

/** The bot's words for "no" (its location prompt takes them), shown as `displayText` if any. */
export function declineLocation(c: ControllerCore, displayText?: string): void {
  const no = stringsFor(c._options.locale()).locationNo;
  send(c, no, { hidden: true, ...(displayText ? { displayText } : {}) });
}
