import type { EscalationSettings } from '@baton/handoff-protocol';
import { useEffect, useState } from 'preact/hooks';
import type { ConsoleSession } from '../../session/session';
import { useConsole } from '../context';
import { AdminContents } from './AdminContents';
import { AgentsPanel } from './AgentsPanel';
import { ApiKeysPanel } from './ApiKeysPanel';
import { AuditViewer } from './AuditViewer';
import { BusinessHoursEditor } from './BusinessHoursEditor';
import type { HoursByQueue } from './business-hours-form';
import { EndSurveyEditor, type EndSurveySetting } from './EndSurveyEditor';
import { EscalationSettingsEditor } from './EscalationSettingsEditor';
import { RetentionPanel } from './RetentionPanel';
import { RoutingForm } from './RoutingForm';
import { SlotsPanel } from './SlotsPanel';

interface SettingRow {
  name: string;
  value: unknown;
  updatedAt: string | null;
  updatedBy: string | null;
  source: 'stored' | 'config';
}

/** The organisation's zone (`BATON_TIME_ZONE`, or the server's UTC default). */
interface Organisation {
  timeZone: string;
  timeZoneSource: 'configured' | 'default';
}
type Load =
  | { kind: 'loading' }
  | { kind: 'loaded'; settings: SettingRow[]; organisation?: Organisation }
  | { kind: 'failed' };

/**
 * Administrators' settings, stored on the server for every node (each change audited there):
 * business hours and the out-of-hours message per queue, retention and per-patient deletion,
 * the audit log.
 */
export function AdminView({ session }: { session: ConsoleSession }) {
  const { t } = useConsole();
  const [load, setLoad] = useState<Load>({ kind: 'loading' });
  const refresh = async () => {
    try {
      const response = await session.staffFetch('/api/admin/settings');
      if (!response.ok) throw new Error(String(response.status));
      const body = (await response.json()) as {
        settings: SettingRow[];
        organisation?: Organisation;
      };
      setLoad({
        kind: 'loaded',
        settings: body.settings,
        ...(body.organisation ? { organisation: body.organisation } : {}),
      });
    } catch {
      setLoad({ kind: 'failed' });
    }
  };
  useEffect(() => {
    void refresh();
  }, []);

  /** PUT one setting; resolves to an error text for the form, or null when saved. */
  const save = async (name: string, value: unknown): Promise<string | null> => {
    try {
      const response = await session.staffFetch(`/api/admin/settings/${encodeURIComponent(name)}`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(value),
      });
      if (!response.ok) {
        const body = (await response.json().catch(() => null)) as {
          error?: { message?: string };
        } | null;
        return body?.error?.message ?? t('settingsSaveFailed');
      }
      await refresh();
      return null;
    } catch {
      return t('settingsSaveFailed');
    }
  };

  const hours =
    load.kind === 'loaded' ? load.settings.find((s) => s.name === 'business-hours') : undefined;
  const routing =
    load.kind === 'loaded' ? load.settings.find((s) => s.name === 'routing') : undefined;
  const endSurvey =
    load.kind === 'loaded' ? load.settings.find((s) => s.name === 'end-survey') : undefined;
  const escalation =
    load.kind === 'loaded' ? load.settings.find((s) => s.name === 'escalation') : undefined;
  return (
    <section class="admin" aria-labelledby="admin-title">
      <h2 id="admin-title">{t('adminTitle')}</h2>
      <AdminContents />
      {load.kind === 'loading' ? (
        <p role="status">{t('settingsLoading')}</p>
      ) : load.kind === 'failed' ? (
        <p role="alert" class="error">
          {t('settingsLoadFailed')}
        </p>
      ) : null}
      {hours ? (
        <BusinessHoursEditor
          hours={(hours.value as HoursByQueue | null) ?? {}}
          stored={hours.source === 'stored'}
          updatedBy={hours.updatedBy}
          onSave={(value) => save('business-hours', value)}
          {...(load.kind === 'loaded' && load.organisation
            ? { organisation: load.organisation }
            : {})}
        />
      ) : null}
      {escalation ? (
        <EscalationSettingsEditor
          settings={(escalation.value as EscalationSettings | null) ?? {}}
          onSave={(value) => save('escalation', value)}
        />
      ) : null}
      {endSurvey ? (
        <EndSurveyEditor
          setting={endSurvey.value as EndSurveySetting}
          onSave={(value) => save('end-survey', value)}
        />
      ) : null}
      {routing ? (
        <RoutingForm routing={routing.value} onSave={(value) => save('routing', value)} />
      ) : null}
      <AgentsPanel session={session} />
      <SlotsPanel session={session} />
      <RetentionPanel session={session} onSave={save} />
      <AuditViewer session={session} />
      <ApiKeysPanel session={session} />
    </section>
  );
}
