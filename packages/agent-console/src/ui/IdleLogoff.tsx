import { useEffect, useRef, useState } from 'preact/hooks';
import { useConsole } from './context';
import { formatTime } from './format';

export interface IdleLogoffProps {
  /** When the server logs this session off unless there is activity first (ISO). */
  logoffAt: string;
  idleLogoffSeconds: number;
  /** Reports activity to the server; resolves with the new logoff time. */
  reportActivity: () => Promise<string>;
  /**
   * The server's logoff time without counting as activity (another tab of the same session
   * may have been active), or `null` when the session is over.
   */
  check: () => Promise<string | null>;
  /** The session is over (logged off, or signed out elsewhere). */
  onLoggedOff: () => void;
  /** Told each time the logoff moves (so a server-side logoff can be told apart). */
  onSchedule?: (logoffAt: number) => void;
  /** Replaceable for tests. */
  now?: () => number;
}

/**
 * Automatic logoff (HIPAA): keys and pointer in the console count as activity and are
 * reported to the server (at most every quarter of the period, 30 s at most); a minute before
 * the logoff (a third of the period when shorter) a warning with "Stay signed in" appears and
 * takes focus; at the logoff time the console signs out.
 */
export function IdleLogoff(props: IdleLogoffProps) {
  const { t, locale } = useConsole();
  const now = props.now ?? Date.now;
  const [logoffAt, setLogoffAt] = useState(Date.parse(props.logoffAt));
  const [warning, setWarning] = useState(false);
  const lastReport = useRef(now());
  const stay = useRef<HTMLButtonElement>(null);
  const idleMs = props.idleLogoffSeconds * 1000;
  const warnMs = Math.min(60_000, idleMs / 3);
  const reportEveryMs = Math.min(30_000, idleMs / 4);

  const report = () => {
    lastReport.current = now();
    props.reportActivity().then(
      (at) => {
        setLogoffAt(Date.parse(at));
        setWarning(false);
      },
      () => undefined,
    );
  };

  useEffect(() => {
    const onActivity = () => {
      if (now() - lastReport.current >= reportEveryMs) report();
    };
    const events = ['keydown', 'pointerdown'] as const;
    for (const name of events) document.addEventListener(name, onActivity, { passive: true });
    return () => {
      for (const name of events) document.removeEventListener(name, onActivity);
    };
  }, [reportEveryMs]);

  useEffect(() => {
    props.onSchedule?.(logoffAt);
    let checking = false;
    let checkedWarning = false;
    /** Before warning or logging off, ask the server: activity elsewhere moves the time. */
    const ask = (then: (serverAt: number) => void) => {
      if (checking) return;
      checking = true;
      props.check().then(
        (at) => {
          checking = false;
          if (at === null) props.onLoggedOff();
          else if (Date.parse(at) > logoffAt) setLogoffAt(Date.parse(at));
          else then(Date.parse(at));
        },
        () => {
          checking = false;
        },
      );
    };
    const tick = () => {
      const left = logoffAt - now();
      if (left <= 0) ask(() => props.onLoggedOff());
      else if (left <= warnMs && !checkedWarning) {
        checkedWarning = true;
        ask(() => setWarning(true));
      } else if (left > warnMs) setWarning(false);
    };
    tick();
    const timer = setInterval(tick, 1000);
    return () => clearInterval(timer);
  }, [logoffAt, warnMs]);

  useEffect(() => {
    if (warning) stay.current?.focus();
  }, [warning]);

  if (!warning) return null;
  return (
    <div
      class="logoff-warning"
      role="alertdialog"
      aria-modal="false"
      aria-labelledby="logoff-warning-text"
    >
      <p id="logoff-warning-text">
        {t('logoffWarning', { time: formatTime(locale, new Date(logoffAt).toISOString()) })}
      </p>
      <button type="button" class="primary" ref={stay} onClick={report}>
        {t('staySignedIn')}
      </button>
    </div>
  );
}
