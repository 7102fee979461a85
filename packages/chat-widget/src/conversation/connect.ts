import { DirectLineStatus } from '../directline/connection';
import { fetchHistory } from '../directline/history';
import { clearResumeHandle } from '../directline/resume-handle';
import { type ControllerCore, fail, saveHandle, setConnection, update } from './core';
import { receive } from './incoming';
import { initConversation, sendWaiting } from './outgoing';
import { initRequest, openSession } from './session-start';
import { refreshToken, scheduleRefresh } from './token-refresh';

/**
 * The session and the Direct Line client: a new conversation, or the one named by the resume
 * handle (its history fetched first, then streamed from its watermark).
 */
export async function connect(c: ControllerCore): Promise<void> {
  const options = c._options;
  setConnection(c, 'connecting');
  if (options.beforeSession) await options.beforeSession();
  const { session, handle } = await openSession(
    options.getSession,
    options.locale(),
    options.storage,
    (options.now ?? Date.now)(),
    initRequest(options.triggeredScenario, options.context()),
  );
  c._session = session;
  c._resumed = Boolean(handle);
  c._initSent = Boolean(session.firstTurn);
  c._handoff = handle?.handoff;
  const dl = session.directLine;
  const conversationId = dl.conversationId ?? handle?.conversationId;
  // Resuming: the transcript was never stored, so fetch it from Direct Line, then stream
  // from its watermark (the client asks for a fresh stream URL from there).
  const history =
    handle && conversationId ? await fetchHistory(dl.domain, conversationId, dl.token) : null;
  if (conversationId) update(c, { conversationId });
  for (const activity of history?.activities ?? []) receive(c, activity, true);
  // The bot's greeting came with the session: shown now (the stream repeats it, de-duplicated).
  for (const activity of session.firstTurn?.activities ?? []) receive(c, activity);
  // The client (Direct Line and rxjs, a third of the widget) is its own chunk, fetched only
  // now: the greeting above is drawn before it arrives. What the patient types meanwhile waits.
  const createDirectLine = options.createDirectLine ?? (await loadDirectLine());
  if (c._disposed) return;
  const client = createDirectLine({
    token: dl.token,
    ...(dl.domain ? { domain: dl.domain } : {}),
    ...(conversationId ? { conversationId } : {}),
    ...(history?.watermark ? { watermark: history.watermark } : {}),
    // A conversation the backend started: straight to its stream, no start round trip.
    ...(!handle && dl.conversationId && dl.streamUrl ? { streamUrl: dl.streamUrl } : {}),
    ...options.directLine,
  });
  c._client = client;
  sendWaiting(c);
  scheduleRefresh(c, dl.expiresIn);
  c._streamSubscriptions.push(
    client.connectionStatus$.subscribe((status) => onStatus(c, status)),
    client.activity$.subscribe(
      (activity) => receive(c, activity),
      () => setConnection(c, 'offline'),
    ),
  );
}

const loadDirectLine = () =>
  import('../directline/direct-line-client').then((module) => module.createDirectLine);

function onStatus(c: ControllerCore, status: number): void {
  c._options.debug?.({ direction: 'status', type: 'connection', status: String(status) });
  switch (status) {
    case DirectLineStatus.Uninitialized:
    case DirectLineStatus.Connecting:
      setConnection(c, c._wasOnline ? 'reconnecting' : 'connecting');
      return;
    case DirectLineStatus.Online: {
      const first = !c._wasOnline;
      c._wasOnline = true;
      const conversationId = c._client?.conversationId ?? c._session?.directLine.conversationId;
      if (conversationId) update(c, { conversationId });
      setConnection(c, 'online');
      saveHandle(c);
      if (first && !c._resumed && !c._initSent) initConversation(c);
      sendWaiting(c); // held while reconnecting
      return;
    }
    case DirectLineStatus.ExpiredToken:
      setConnection(c, 'reconnecting');
      void refreshToken(c);
      return;
    case DirectLineStatus.FailedToConnect:
      setConnection(c, 'offline');
      fail(c, undefined, 'connection_failed');
      return;
    case DirectLineStatus.Ended:
      setConnection(c, 'ended');
      clearResumeHandle(c._options.storage);
      return;
    default:
      return;
  }
}
