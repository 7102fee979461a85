import { useEffect, useRef, useState } from 'preact/hooks';
import type { MessageKey } from '../../i18n';
import type { ConsoleState } from '../../session/state';
import { useConsole } from '../context';
import {
  type Alert,
  type AttentionMemory,
  attentionCount,
  isUrgent,
  newAlerts,
  waitingEmergency,
} from './attention';
import { playAlert, readMuted, writeMuted } from './sound';

type Permission = 'default' | 'granted' | 'denied' | 'unsupported';

const permissionNow = (): Permission =>
  typeof Notification === 'undefined' ? 'unsupported' : Notification.permission;

function alertText(alert: Alert): [MessageKey, Record<string, string>?] {
  switch (alert.kind) {
    case 'work':
      return [
        alert.priority === 'emergency' ? 'notifyEmergencyWork' : 'notifyNewWork',
        { queue: alert.queue },
      ];
    case 'transfer':
      return ['notifyTransfer'];
    case 'message':
      return ['notifyNewMessage'];
    case 'consult':
      return ['notifyConsult'];
    default: {
      const never: never = alert;
      return never;
    }
  }
}

/**
 * New work and new messages: the tab title count `(3) Baton…`, a sound (muted by a switch
 * kept in this browser), a desktop notification once permission was given from the button
 * (queue names and kinds only, never patient data), and an emergency banner with its own tone.
 */
export function DeskAlerts({ state }: { state: ConsoleState }) {
  const { t } = useConsole();
  const [muted, setMuted] = useState(readMuted);
  const [permission, setPermission] = useState<Permission>(permissionNow);
  const memory = useRef<AttentionMemory | null>(null);
  const baseTitle = useRef<string | null>(null);
  const count = attentionCount(state);
  const emergencyQueue = waitingEmergency(state);

  useEffect(() => {
    baseTitle.current ??= document.title.replace(/^\(\d+\) /, '') || t('appTitle');
    document.title = count > 0 ? `(${count}) ${baseTitle.current}` : baseTitle.current;
  }, [count]);
  useEffect(
    () => () => {
      if (baseTitle.current !== null) document.title = baseTitle.current;
    },
    [],
  );

  useEffect(() => {
    const { alerts, memory: next } = newAlerts(state, memory.current);
    memory.current = next;
    if (alerts.length === 0) return;
    const urgent = alerts.some(isUrgent);
    if (!muted) playAlert(urgent ? 'emergency' : 'normal');
    const away = document.visibilityState !== 'visible' || !document.hasFocus();
    if (permission === 'granted' && away) {
      const first = alerts.find(isUrgent) ?? alerts[0]!;
      const [key, params] = alertText(first);
      try {
        new Notification(t('appTitle'), {
          body: t(key, params),
          tag: `baton-${first.kind}`,
          requireInteraction: urgent,
        });
      } catch {
        // Some browsers only allow notifications from a service worker.
      }
    }
  }, [state.queue, state.conversations, state.chat?.consults]);

  const toggleMute = () => {
    writeMuted(!muted);
    setMuted(!muted);
  };
  const askPermission = () => {
    if (typeof Notification === 'undefined') return;
    void Notification.requestPermission().then((answer) => setPermission(answer));
  };

  return (
    <div class="desk-alerts">
      <button type="button" aria-pressed={!muted} onClick={toggleMute}>
        {muted ? t('notifySoundOff') : t('notifySoundOn')}
      </button>
      {permission === 'default' ? (
        <button type="button" onClick={askPermission}>
          {t('notifyDesktop')}
        </button>
      ) : permission === 'granted' ? (
        <span class="muted">{t('notifyDesktopOn')}</span>
      ) : permission === 'denied' ? (
        <span class="muted">{t('notifyDesktopDenied')}</span>
      ) : null}
      {emergencyQueue ? (
        <p class="emergency-banner" role="alert">
          {t('emergencyWaiting', { queue: emergencyQueue })}
        </p>
      ) : null}
    </div>
  );
}
