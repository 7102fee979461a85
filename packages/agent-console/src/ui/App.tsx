import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { AgentConsoleError } from '../errors';
import { type ConsoleLocale, type MessageKey, translator } from '../i18n';
import type { ConsoleSessionOptions } from '../session/agent-socket';
import { type ConsoleSession, connectConsole } from '../session/session';
import { devSignIn } from '../session/sign-in';
import {
  cookieSignIn,
  cookieSignOut,
  exchangeSessionCookie,
  reportActivity,
  type SessionGrant,
} from '../session/staff-cookie';
import { ConsoleContext, type ConsoleContextValue } from './context';
import { IdleLogoff } from './IdleLogoff';
import type { ConsoleOffers } from './offers';
import { Shell } from './Shell';
import { SignIn } from './SignIn';

export interface AppProps {
  serverUrl: string;
  locale: ConsoleLocale;
  /** The host's staff token (production). Without it, the development sign-in form shows. */
  getToken?: () => string | Promise<string>;
  offers?: ConsoleOffers;
  socket?: ConsoleSessionOptions['socket'];
  /** Replaceable for tests. */
  connect?: (options: ConsoleSessionOptions) => Promise<ConsoleSession>;
  /** Replaceable for tests: a token sign-in without the server's cookie session. */
  signIn?: (serverUrl: string, username: string, password: string) => Promise<string>;
}

type Phase =
  | { kind: 'restoring' }
  | { kind: 'signin'; notice?: MessageKey }
  | { kind: 'connecting' }
  | { kind: 'ready'; session: ConsoleSession; grant?: SessionGrant }
  | { kind: 'failed' };

/**
 * Sign-in (or the host's token), then the console. With the server's staff session the
 * browser keeps only an HttpOnly cookie: a reload exchanges it for a socket token and the
 * agent is back in her conversations. Tokens live in memory only.
 */
export function App(props: AppProps) {
  const { serverUrl, getToken, locale } = props;
  const connect = props.connect ?? connectConsole;
  const cookies = !getToken && !props.signIn;
  const t = useMemo(() => translator(locale), [locale]);
  const context: ConsoleContextValue = useMemo(
    () => ({ locale, t, offers: props.offers ?? {} }),
    [locale, t, props.offers],
  );
  const [phase, setPhase] = useState<Phase>(
    getToken ? { kind: 'connecting' } : cookies ? { kind: 'restoring' } : { kind: 'signin' },
  );

  /** When the idle logoff is due: a socket closed by the server after it was logged off. */
  const logoffAt = useRef(Number.POSITIVE_INFINITY);

  const start = async (tokenSource: () => string | Promise<string>, grant?: SessionGrant) => {
    setPhase({ kind: 'connecting' });
    const session = await connect({
      serverUrl,
      getToken: tokenSource,
      ...(props.socket ? { socket: props.socket } : {}),
    });
    setPhase({ kind: 'ready', session, ...(grant ? { grant } : {}) });
  };
  /** Every (re)connection exchanges the cookie again: an ended session cannot reconnect. */
  const fromCookie = (grant: SessionGrant) => {
    let first: string | null = grant.token;
    return start(async () => {
      const token = first ?? (await exchangeSessionCookie(serverUrl)).token;
      first = null;
      return token;
    }, grant);
  };

  useEffect(() => {
    if (getToken) start(getToken).catch(() => setPhase({ kind: 'failed' }));
    else if (cookies)
      exchangeSessionCookie(serverUrl)
        .then(fromCookie)
        .catch(() => setPhase({ kind: 'signin' }));
  }, [getToken]);

  useEffect(() => {
    if (phase.kind !== 'ready') return;
    const { session } = phase;
    // Signed out on another device, or logged off: the server closed the socket.
    const unsubscribe = phase.grant
      ? session.subscribe((state) => {
          if (state.connection !== 'disconnected' && state.connection !== 'unauthorized') return;
          exchangeSessionCookie(serverUrl).catch((error: unknown) => {
            if (!AgentConsoleError.is(error) || error.code !== 'signed_out') return;
            const idle = Date.now() >= logoffAt.current - 2000;
            setPhase({ kind: 'signin', notice: idle ? 'loggedOffIdle' : 'signedOutElsewhere' });
          });
        })
      : undefined;
    return () => {
      unsubscribe?.();
      session.close();
    };
  }, [phase]);

  const onSignIn = async (username: string, password: string) => {
    try {
      if (props.signIn) {
        const token = await props.signIn(serverUrl, username, password);
        await start(() => token);
        return;
      }
      const grant = await cookieSignIn(serverUrl, username, password).catch((error: unknown) => {
        // A server without cookie sessions: the plain development sign-in.
        if (!AgentConsoleError.is(error) || error.code !== 'sign_in_unavailable') throw error;
        return null;
      });
      if (grant) await fromCookie(grant);
      else {
        const token = await devSignIn(serverUrl, username, password);
        await start(() => token);
      }
    } catch (error) {
      setPhase({ kind: 'signin' });
      throw AgentConsoleError.is(error) ? error : new AgentConsoleError('connection_failed');
    }
  };

  const signOut = (notice?: MessageKey) => {
    if (phase.kind === 'ready' && phase.grant) void cookieSignOut(serverUrl).catch(() => undefined);
    setPhase({ kind: 'signin', ...(notice ? { notice } : {}) });
  };

  let body: preact.JSX.Element;
  switch (phase.kind) {
    case 'signin':
      body = <SignIn onSignIn={onSignIn} {...(phase.notice ? { notice: t(phase.notice) } : {})} />;
      break;
    case 'restoring':
    case 'connecting':
      body = (
        <main class="signin" aria-busy="true">
          <p role="status">{t(phase.kind === 'restoring' ? 'restoringSession' : 'connecting')}</p>
        </main>
      );
      break;
    case 'failed':
      body = (
        <main class="signin">
          <p role="alert" class="error">
            {t('unauthorized')}
          </p>
        </main>
      );
      break;
    case 'ready':
      body = (
        <>
          <Shell session={phase.session} {...(getToken ? {} : { onSignOut: () => signOut() })} />
          {phase.grant ? (
            <IdleLogoff
              logoffAt={phase.grant.logoffAt}
              idleLogoffSeconds={phase.grant.idleLogoffSeconds}
              reportActivity={() => reportActivity(serverUrl)}
              check={() =>
                exchangeSessionCookie(serverUrl).then(
                  (grant) => grant.logoffAt,
                  (error: unknown) => {
                    if (AgentConsoleError.is(error) && error.code === 'signed_out') return null;
                    throw error;
                  },
                )
              }
              // The server ends an idle session itself: this device only, not a sign-out.
              onLoggedOff={() => setPhase({ kind: 'signin', notice: 'loggedOffIdle' })}
              onSchedule={(at) => {
                logoffAt.current = at;
              }}
            />
          ) : null}
        </>
      );
      break;
    default: {
      const never: never = phase;
      body = never;
    }
  }
  return <ConsoleContext.Provider value={context}>{body}</ConsoleContext.Provider>;
}
