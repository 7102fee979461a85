import type { HandoffRequest } from '@baton/handoff-protocol';
import { useConsole } from './context';
import { priorityLabel, reasonLabel } from './labels';

/**
 * What the server sent about the patient. Attributes marked not displayable are never shown
 * (the server should have dropped them already); clinical ones carry a visible label.
 */
export function PatientContext({ request }: { request: HandoffRequest }) {
  const { t } = useConsole();
  const attributes = (request.patient.attributes ?? []).filter((a) => a.displayable);
  return (
    <section class="patient-context" aria-labelledby="patient-context-title">
      <h3 id="patient-context-title">{t('patientContext')}</h3>
      <dl>
        <div>
          <dt>{t('patient')}</dt>
          <dd>{request.patient.displayName}</dd>
        </div>
        <div>
          <dt>{t('language')}</dt>
          <dd>{request.patient.locale}</dd>
        </div>
        <div>
          <dt>{t('priority')}</dt>
          <dd>
            {priorityLabel(t, request.priority)}
            {request.priority === 'emergency' ? (
              <span class="badge emergency">{t('emergency')}</span>
            ) : null}
          </dd>
        </div>
        <div>
          <dt>{t('reason')}</dt>
          <dd>{reasonLabel(t, request.reason.kind)}</dd>
        </div>
        {attributes.map((attribute) => (
          <div key={attribute.key} class={attribute.clinical ? 'clinical' : undefined}>
            <dt>
              {attribute.label || attribute.key}
              {attribute.clinical ? <span class="badge clinical">{t('clinical')}</span> : null}
            </dt>
            <dd>{attribute.value}</dd>
          </div>
        ))}
      </dl>
      {attributes.length === 0 ? <p class="muted">{t('noAttributes')}</p> : null}
    </section>
  );
}
