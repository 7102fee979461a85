import { useEffect, useState } from 'preact/hooks';
import { callProviderName, startCall } from '../session/notify-api';
import type { ConsoleSession } from '../session/session';
import { useConsole } from './context';

/** The server's call provider, asked once per console (null: none configured). */
let providerOnce: Promise<string | null> | null = null;

/**
 * "Start a call": the server makes a meeting with its call provider (Teams, Jitsi…), offers
 * the patient her link, and this button opens the agent's. Shown only when a provider is
 * configured on the server.
 */
export function CallStart({
  session,
  conversationId,
}: {
  session: Pick<ConsoleSession, 'serverUrl' | 'token'>;
  conversationId: string;
}) {
  const { t } = useConsole();
  const [provider, setProvider] = useState<string | null>(null);
  const [link, setLink] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    if (!session.serverUrl) return;
    providerOnce ??= callProviderName(session).catch(() => null);
    let live = true;
    void providerOnce.then((name) => live && setProvider(name));
    return () => {
      live = false;
    };
  }, [session]);
  if (!provider) return null;
  const start = async () => {
    setFailed(false);
    try {
      const started = await startCall(session, conversationId);
      const url = started.agentJoinUrl ?? started.call.joinUrl;
      setLink(url);
      window.open(url, '_blank', 'noopener,noreferrer');
    } catch {
      setFailed(true);
    }
  };
  return (
    <>
      <button type="button" onClick={() => void start()}>
        {t('startCall')}
      </button>
      <p class="call-status" role="status">
        {link ? (
          <a href={link} target="_blank" rel="noopener noreferrer">
            {t('callStartedJoin')}
          </a>
        ) : failed ? (
          t('callStartFailed')
        ) : null}
      </p>
    </>
  );
}
