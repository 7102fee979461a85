import { useEffect, useMemo, useState } from 'preact/hooks';
import { AgentConsoleError } from '../errors';
import { type ConsoleLocale, translator } from '../i18n';
import {
  type ConsoleSession,
  type ConsoleSessionOptions,
  connectConsole,
} from '../session/session';
import { devSignIn } from '../session/sign-in';
import { ConsoleContext, type ConsoleContextValue } from './context';
import type { ConsoleOffers } from './offers';
import { Shell } from './Shell';
import { SignIn } from './SignIn';

export interface AppProps {
  serverUrl: string;
  locale: ConsoleLocale;
  /** The host's staff token (production). Without it, the development sign-in form shows. */
  getToken?: () => string | Promise<string>;
  scripts?: readonly string[];
  offers?: ConsoleOffers;
  socket?: ConsoleSessionOptions['socket'];
  /** Replaceable for tests. */
  connect?: (options: ConsoleSessionOptions) => Promise<ConsoleSession>;
  signIn?: (serverUrl: string, username: string, password: string) => Promise<string>;
}

type Phase =
  | { kind: 'signin' }
  | { kind: 'connecting' }
  | { kind: 'ready'; session: ConsoleSession }
  | { kind: 'failed' };

/** Sign-in (or the host's token), then the console. The token lives in memory only. */
export function App(props: AppProps) {
  const { serverUrl, getToken, locale } = props;
  const connect = props.connect ?? connectConsole;
  const t = useMemo(() => translator(locale), [locale]);
  const context: ConsoleContextValue = useMemo(
    () => ({ locale, t, scripts: props.scripts ?? [], offers: props.offers ?? {} }),
    [locale, t, props.scripts, props.offers],
  );
  const [phase, setPhase] = useState<Phase>(getToken ? { kind: 'connecting' } : { kind: 'signin' });

  const start = async (tokenSource: () => string | Promise<string>) => {
    setPhase({ kind: 'connecting' });
    const session = await connect({
      serverUrl,
      getToken: tokenSource,
      ...(props.socket ? { socket: props.socket } : {}),
    });
    setPhase({ kind: 'ready', session });
  };

  useEffect(() => {
    if (!getToken) return;
    start(getToken).catch(() => setPhase({ kind: 'failed' }));
  }, [getToken]);

  useEffect(() => {
    if (phase.kind !== 'ready') return;
    return () => phase.session.close();
  }, [phase]);

  const onSignIn = async (username: string, password: string) => {
    const token = await (props.signIn ?? devSignIn)(serverUrl, username, password);
    try {
      await start(() => token);
    } catch (error) {
      setPhase({ kind: 'signin' });
      throw AgentConsoleError.is(error) ? error : new AgentConsoleError('connection_failed');
    }
  };

  let body: preact.JSX.Element;
  switch (phase.kind) {
    case 'signin':
      body = <SignIn onSignIn={onSignIn} />;
      break;
    case 'connecting':
      body = (
        <main class="signin" aria-busy="true">
          <p role="status">{t('connecting')}</p>
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
        <Shell
          session={phase.session}
          {...(getToken ? {} : { onSignOut: () => setPhase({ kind: 'signin' }) })}
        />
      );
      break;
    default: {
      const never: never = phase;
      body = never;
    }
  }
  return <ConsoleContext.Provider value={context}>{body}</ConsoleContext.Provider>;
}
