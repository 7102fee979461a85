import type { HandoffRequest } from '@baton/handoff-protocol';
import { useConsole } from './context';
import { languageName } from './format';
import { contactLabel, priorityLabel, reasonLabel, triageLabel } from './labels';

/** Same primary language subtag (`es` and `es-MX`). */
function sameLanguage(a: string, b: string): boolean {
  return a.split('-')[0]?.toLowerCase() === b.split('-')[0]?.toLowerCase();
}

/**
 * What the server sent about the patient. Attributes marked not displayable are never shown
 * (the server should have dropped them already); clinical ones carry a visible label. The
 * verified context (signed token, patient record) comes first; what the browser stated is a
 * separate list under its own heading, "stated by the patient", never mixed in.
 */
export function PatientContext({ request }: { request: HandoffRequest }) {
  const { t, locale } = useConsole();
  const attributes = (request.patient.attributes ?? []).filter((a) => a.displayable);
  const stated = request.statedByPatient;
  const statedAttributes = (stated?.attributes ?? []).filter((a) => a.displayable);
  // The portal's page language is signed; the one picked in the widget is only stated. When
  // they differ the agent must see both at once, each labelled, not a bare "Language" (and
  // the stated list below does not repeat it).
  const chatLocale =
    stated?.locale && !sameLanguage(stated.locale, request.patient.locale)
      ? stated.locale
      : undefined;
  return (
    <section class="patient-context" aria-labelledby="patient-context-title">
      <h3 id="patient-context-title">{t('patientContext')}</h3>
      <dl>
        <div>
          <dt>{t('patient')}</dt>
          <dd title={t('verifiedName')}>{request.patient.displayName}</dd>
        </div>
        <div>
          <dt>{t('portalLanguage')}</dt>
          <dd>
            {languageName(locale, request.patient.locale)}
            {chatLocale ? (
              <span class="stated-name chat-language">
                <span class="badge stated">{t('statedByPatient')}</span>
                {t('chatLanguageDiffers', { language: languageName(locale, chatLocale) })}
              </span>
            ) : null}
          </dd>
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
        {request.triage ? (
          <div class="triage">
            <dt>{t('triage')}</dt>
            <dd>
              {triageLabel(t, request.triage.basis)}
              {request.triage.matchedText ? ` — ${request.triage.matchedText}` : null}
            </dd>
          </div>
        ) : null}
        <div>
          <dt>{t('reason')}</dt>
          <dd>{reasonLabel(t, request.reason.kind)}</dd>
        </div>
        {request.reason.matchedText && !request.triage?.matchedText ? (
          <div class="red-flag">
            <dt>{t('redFlag')}</dt>
            <dd>{request.reason.matchedText}</dd>
          </div>
        ) : null}
        {request.reason.guidance?.text ? (
          <div class="guidance">
            <dt>{t('guidanceShown')}</dt>
            <dd>{request.reason.guidance.text}</dd>
          </div>
        ) : null}
        {attributes.map((attribute) => (
          <div key={attribute.key} class={attribute.clinical ? 'clinical' : undefined}>
            <dt>
              {contactLabel(t, attribute.key) ?? (attribute.label || attribute.key)}
              {attribute.clinical ? <span class="badge clinical">{t('clinical')}</span> : null}
            </dt>
            <dd>{attribute.value}</dd>
          </div>
        ))}
      </dl>
      {attributes.length === 0 ? <p class="muted">{t('noAttributes')}</p> : null}
      {stated?.displayName || (stated?.locale && !chatLocale) || statedAttributes.length > 0 ? (
        <section class="stated-context" aria-labelledby="stated-context-title">
          <h4 id="stated-context-title">{t('statedByPatient')}</h4>
          <dl>
            {stated?.displayName ? (
              <div>
                <dt>{t('patient')}</dt>
                <dd>{stated.displayName}</dd>
              </div>
            ) : null}
            {stated?.locale && !chatLocale ? (
              <div>
                <dt>{t('chatLanguage')}</dt>
                <dd>{languageName(locale, stated.locale)}</dd>
              </div>
            ) : null}
            {statedAttributes.map((attribute) => (
              <div key={attribute.key}>
                <dt>{attribute.label || attribute.key}</dt>
                <dd>{attribute.value}</dd>
              </div>
            ))}
          </dl>
        </section>
      ) : null}
    </section>
  );
}
