import type { MessageKey } from '../../i18n';
import { useConsole } from '../context';

/** The Administration view's sections, in the order they appear, by their heading's id. */
const SECTIONS: readonly [string, MessageKey][] = [
  ['hours-title', 'businessHoursTitle'],
  ['escalation-title', 'escalationTitle'],
  ['end-survey-heading', 'endSurveyTitle'],
  ['routing-title', 'routingTitle'],
  ['agents-title', 'agentsTitle'],
  ['slots-title', 'slotAdminTitle'],
  ['retention-title', 'retentionTitle'],
  ['audit-title', 'auditTitle'],
  ['api-keys-title', 'apiKeysTitle'],
];

/** "On this page": one link per section of a long settings page. */
export function AdminContents() {
  const { t } = useConsole();
  return (
    <nav class="admin-contents" aria-label={t('adminContents')}>
      <ul>
        {SECTIONS.map(([id, key]) => (
          <li key={id}>
            <a
              href={`#${id}`}
              onClick={(e) => {
                const heading = document.getElementById(id);
                if (!heading) return;
                e.preventDefault();
                heading.scrollIntoView({ block: 'start' });
              }}
            >
              {t(key)}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
