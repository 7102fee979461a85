import { createContext } from 'preact';
import { useContext, useEffect, useState } from 'preact/hooks';
import type { ConsoleLocale, Translate } from '../i18n';
import type { ConsoleSession } from '../session/session';
import type { ConsoleState } from '../session/state';
import type { ConsoleOffers } from './offers';

export interface ConsoleContextValue {
  locale: ConsoleLocale;
  t: Translate;
  offers: ConsoleOffers;
}

export const ConsoleContext = createContext<ConsoleContextValue | null>(null);

export function useConsole(): ConsoleContextValue {
  const value = useContext(ConsoleContext);
  if (!value) throw new Error('ConsoleContext missing');
  return value;
}

/** The session's state, re-rendering on every change. */
export function useSessionState(session: ConsoleSession): ConsoleState {
  const [state, setState] = useState(session.state);
  useEffect(() => {
    setState(session.state);
    return session.subscribe(setState);
  }, [session]);
  return state;
}

/** `Date.now()`, refreshed every `intervalMs` (waiting times). */
export function useNow(intervalMs = 15_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}
