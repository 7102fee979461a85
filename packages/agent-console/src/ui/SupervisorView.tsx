import type { DeskKpis } from '@baton/handoff-protocol';
import type { Translate } from '../i18n';
import type { DrillIn as DrillInState } from '../session/drill-in';
import type { ConsoleSession } from '../session/session';
import type { SupervisorDashboard } from '../session/state';
import { ConversationMap } from './ConversationMap';
import { useConsole, useNow } from './context';
import { DrillIn } from './DrillIn';
import { formatDuration, secondsSince } from './format';
import { decimal, ltr } from './insights/figure-format';
import { presenceLabel } from './labels';

/**
 * An age the server measured at `kpis.at` (the longest wait, the oldest follow-up), grown by the
 * time since: the figures come only with a change, and a patient left waiting is one.
 */
function agedAt(kpis: DeskKpis, seconds: number | null | undefined, now: number) {
  return typeof seconds === 'number' ? seconds + Math.max(0, secondsSince(kpis.at, now)) : seconds;
}

/** The worklist's figures, when the server counts them. */
function followUpFigures(t: Translate, kpis: DeskKpis, now: number): [string, string, string][] {
  if (kpis.followUpsOpen === undefined) return [];
  const oldest = agedAt(kpis, kpis.oldestFollowUpSeconds, now);
  return [
    ['followups', t('kpiFollowUpsOpen'), String(kpis.followUpsOpen)],
    ['followup-oldest', t('kpiOldestFollowUp'), formatDuration(t, oldest)],
    ['followups-closed', t('kpiFollowUpsClosedToday'), String(kpis.followUpsClosedToday ?? 0)],
  ];
}

function averageHandle(dashboard: SupervisorDashboard): number | null {
  const times = dashboard.agents
    .map((a) => a.averageHandleSeconds)
    .filter((s): s is number => typeof s === 'number');
  return times.length === 0 ? null : times.reduce((a, b) => a + b, 0) / times.length;
}

/** Live dashboard: KPIs, conversations by state, agents; patched by `supervisor.update`. */
export function SupervisorView({
  dashboard,
  session,
  drillIn,
  staffId,
  canTakeOver,
}: {
  dashboard: SupervisorDashboard | null;
  session: ConsoleSession;
  drillIn: DrillInState | null;
  staffId: string;
  /** A supervisor who is also an agent may take a conversation over. */
  canTakeOver: boolean;
}) {
  const { t, locale } = useConsole();
  const now = useNow(5000);
  if (!dashboard) {
    return (
      <section class="supervisor" aria-busy="true">
        <h2>{t('dashboard')}</h2>
        <p class="muted">{t('dashboardLoading')}</p>
      </section>
    );
  }
  const { kpis } = dashboard;
  const figures: [string, string, string][] = [
    ['queued', t('kpiQueueLength'), String(kpis.queued)],
    ['wait', t('kpiAverageWait'), formatDuration(t, kpis.averageWaitSeconds)],
    ['longest', t('kpiLongestWait'), formatDuration(t, agedAt(kpis, kpis.longestWaitSeconds, now))],
    ['handle', t('kpiAverageHandle'), formatDuration(t, averageHandle(dashboard))],
    [
      'survey',
      t('kpiSurvey'),
      kpis.averageSurveyRating === null
        ? t('notAvailable')
        : t('rating', { n: decimal(kpis.averageSurveyRating, locale, 1, true) }),
    ],
    ['bot', t('kpiWithBot'), String(kpis.botConversations)],
    ['agent', t('kpiWithAgent'), String(kpis.withAgent)],
    ['available', t('kpiAgentsAvailable'), String(kpis.agentsAvailable)],
    ['handled', t('kpiHandledToday'), String(kpis.handledToday)],
    ['abandoned', t('kpiAbandonedToday'), String(kpis.abandonedToday)],
    ...followUpFigures(t, kpis, now),
  ];
  return (
    <section class="supervisor" aria-labelledby="dashboard-title">
      <h2 id="dashboard-title">{t('dashboard')}</h2>
      <section aria-labelledby="kpi-title">
        <h3 id="kpi-title">{t('kpis')}</h3>
        <dl class="kpis">
          {figures.map(([key, label, value]) => (
            <div key={key} class="kpi" data-kpi={key}>
              <dt>{label}</dt>
              {/* Figures and units keep their order on a right-to-left page ("3 s", not "s 3"). */}
              <dd>{ltr(value)}</dd>
            </div>
          ))}
        </dl>
      </section>
      {drillIn ? (
        <DrillIn
          session={session}
          drill={drillIn}
          agents={dashboard.agents}
          staffId={staffId}
          canTakeOver={canTakeOver}
          holder={
            dashboard.conversations.find((c) => c.conversationId === drillIn.conversationId)?.agent
          }
        />
      ) : null}
      <ConversationMap
        rows={dashboard.conversations}
        now={now}
        onOpen={(c) => session.drillIn(c.conversationId)}
      />
      <section aria-labelledby="agents-title">
        <h3 id="agents-title">{t('agents')}</h3>
        {dashboard.agents.length === 0 ? (
          <p class="muted">{t('none')}</p>
        ) : (
          <table>
            <thead>
              <tr>
                <th scope="col">{t('agent')}</th>
                <th scope="col">{t('presence')}</th>
                <th scope="col">{t('activeChats')}</th>
                <th scope="col">{t('handleTime')}</th>
              </tr>
            </thead>
            <tbody>
              {dashboard.agents.map((a) => (
                <tr key={a.agent.id} data-agent-id={a.agent.id}>
                  <td>{a.agent.displayName}</td>
                  <td>{presenceLabel(t, a.presence)}</td>
                  <td>
                    {a.capacity === undefined
                      ? a.activeConversations
                      : `${a.activeConversations} / ${a.capacity}`}
                  </td>
                  <td>{formatDuration(t, a.averageHandleSeconds)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </section>
  );
}
