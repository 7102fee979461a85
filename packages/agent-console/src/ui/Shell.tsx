import { useEffect, useState } from 'preact/hooks';
import type { ConsoleSession } from '../session/session';
import { hasRole } from '../session/staff-profile';
import { AgentView } from './AgentView';
import { Announcer } from './Announcer';
import { ContentAdmin } from './content/ContentAdmin';
import { useConsole, useSessionState } from './context';
import { Deliveries } from './Deliveries';
import { AdminView } from './insights/AdminView';
import { AnalyticsView } from './insights/AnalyticsView';
import { presenceLabel } from './labels';
import { Notices } from './Notices';
import { DeskAlerts } from './notifications/DeskAlerts';
import { AGENT_PRESENCE_CHOICES } from './presence';
import { SignedInAs } from './SignedInAs';
import { SupervisorView } from './SupervisorView';
import { ThemeChoice } from './theme/ThemeChoice';
import { Worklist } from './Worklist';

export interface ShellProps {
  session: ConsoleSession;
  onSignOut?: () => void;
}

type View = 'agent' | 'supervisor' | 'followups' | 'content' | 'deliveries' | 'analytics' | 'admin';

/** The signed-in console: header (connection, presence, sign out), views, notices. */
export function Shell({ session, onSignOut }: ShellProps) {
  const { t } = useConsole();
  const state = useSessionState(session);
  const { profile } = state;
  const isAgent = hasRole(profile, 'agent');
  const isSupervisor = hasRole(profile, 'supervisor');
  const isAdmin = hasRole(profile, 'admin');
  const firstView: View = isAgent
    ? 'agent'
    : isSupervisor
      ? 'supervisor'
      : isAdmin
        ? 'admin'
        : 'agent';
  const [view, setView] = useState<View>(firstView);
  // The server's `staff.profile` may grant other roles than her token: a view she may no
  // longer use gives way to her first one.
  const allowed: Record<View, boolean> = {
    agent: isAgent || isSupervisor,
    supervisor: isSupervisor,
    followups: isAgent || isSupervisor,
    content: isAdmin,
    deliveries: isAdmin,
    analytics: isSupervisor || isAdmin,
    admin: isAdmin,
  };
  useEffect(() => {
    if (!allowed[view]) setView(firstView);
  });
  const connection = {
    connecting: t('connecting'),
    connected: t('connected'),
    reconnecting: t('reconnecting'),
    disconnected: t('disconnected'),
    unauthorized: t('unauthorized'),
  }[state.connection];

  return (
    <div class="shell">
      <header class="topbar">
        <h1>{t('appTitle')}</h1>
        <p class={`connection ${state.connection}`} role="status">
          {connection}
        </p>
        {isAgent ? (
          <label class="presence">
            <span>{t('presence')}</span>
            <select
              value={state.presence}
              onChange={(e) =>
                session.setPresence(
                  e.currentTarget.value as (typeof AGENT_PRESENCE_CHOICES)[number],
                )
              }
            >
              {AGENT_PRESENCE_CHOICES.map((p) => (
                <option key={p} value={p}>
                  {presenceLabel(t, p)}
                </option>
              ))}
            </select>
          </label>
        ) : null}
        {isAgent ? <DeskAlerts state={state} /> : null}
        <ThemeChoice />
        <SignedInAs text={t('signedInAs', { name: '\u0000' })} name={profile.displayName} />
        {onSignOut ? (
          <button type="button" onClick={onSignOut}>
            {t('signOut')}
          </button>
        ) : null}
      </header>
      {isSupervisor || isAgent || isAdmin ? (
        <nav class="views" aria-label={t('viewsLabel')}>
          {isSupervisor || isAgent ? (
            <button
              type="button"
              aria-current={view === 'agent' ? 'page' : undefined}
              onClick={() => setView('agent')}
            >
              {t('agentView')}
            </button>
          ) : null}
          {isSupervisor ? (
            <button
              type="button"
              aria-current={view === 'supervisor' ? 'page' : undefined}
              onClick={() => setView('supervisor')}
            >
              {t('supervisorView')}
            </button>
          ) : null}
          {isSupervisor || isAgent ? (
            <button
              type="button"
              aria-current={view === 'followups' ? 'page' : undefined}
              onClick={() => setView('followups')}
            >
              {t('followupsView', { count: state.worklist?.items.length ?? 0 })}
            </button>
          ) : null}
          {isAdmin ? (
            <button
              type="button"
              aria-current={view === 'content' ? 'page' : undefined}
              onClick={() => setView('content')}
            >
              {t('contentView')}
            </button>
          ) : null}
          {isAdmin ? (
            <button
              type="button"
              aria-current={view === 'deliveries' ? 'page' : undefined}
              onClick={() => setView('deliveries')}
            >
              {t('deliveriesView')}
            </button>
          ) : null}
          {isSupervisor || isAdmin ? (
            <button
              type="button"
              aria-current={view === 'analytics' ? 'page' : undefined}
              onClick={() => setView('analytics')}
            >
              {t('analyticsView')}
            </button>
          ) : null}
          {isAdmin ? (
            <button
              type="button"
              aria-current={view === 'admin' ? 'page' : undefined}
              onClick={() => setView('admin')}
            >
              {t('adminView')}
            </button>
          ) : null}
        </nav>
      ) : null}
      <Notices session={session} notices={state.notices} />
      <main>
        {view === 'content' && isAdmin ? (
          <ContentAdmin session={session} />
        ) : view === 'deliveries' && isAdmin ? (
          <Deliveries session={session} />
        ) : view === 'analytics' && (isSupervisor || isAdmin) ? (
          <AnalyticsView session={session} />
        ) : view === 'admin' && isAdmin ? (
          <AdminView session={session} />
        ) : view === 'supervisor' && isSupervisor ? (
          <SupervisorView
            dashboard={state.supervisor}
            session={session}
            drillIn={state.drillIn ?? null}
            staffId={profile.staffId}
            canTakeOver={isAgent}
          />
        ) : view === 'followups' ? (
          <Worklist session={session} worklist={state.worklist} staffId={profile.staffId} />
        ) : (
          <AgentView session={session} state={state} />
        )}
      </main>
      <Announcer state={state} />
    </div>
  );
}
