import type { Translate } from '../i18n';
import type { ConsoleSession } from '../session/session';
import type { ConsoleNotice } from '../session/state';
import { useConsole } from './context';
import { errorReason } from './labels';

const ACTION_KEYS = {
  'conversation.claim': 'accept',
  'conversation.transfer': 'transfer',
  'conversation.end': 'end',
  'conversation.return_to_bot': 'returnToBot',
  'survey.offer': 'offerSurvey',
  'appointment.offer': 'offerAppointment',
  'call.offer': 'offerCall',
  presence: 'presence',
  'content.save': 'contentSave',
  'content.retire': 'contentRetire',
  'content.list': 'contentView',
} as const;

function noticeText(t: Translate, notice: ConsoleNotice): string {
  switch (notice.kind) {
    case 'claim-conflict':
      return t('claimConflict');
    case 'claim-needs-presence':
      return t('claimNeedsAvailable');
    case 'claim-at-capacity':
      return t('claimAtCapacity');
    case 'action-failed': {
      const key = ACTION_KEYS[notice.action as keyof typeof ACTION_KEYS];
      return t('actionFailed', {
        action: key ? t(key) : notice.action,
        reason: errorReason(t, notice.code),
      });
    }
    case 'roles-changed':
      return t('rolesChanged');
    default: {
      const never: never = notice.kind;
      return String(never);
    }
  }
}

/** Refused commands (a lost claim, an unavailable offer), announced and dismissible. */
export function Notices({
  session,
  notices,
}: {
  session: ConsoleSession;
  notices: readonly ConsoleNotice[];
}) {
  const { t } = useConsole();
  return (
    <section class="notices" aria-label={t('notices')}>
      <div role="alert">
        {notices.map((notice) => (
          <p key={notice.id} class="notice" data-code={notice.code}>
            <span>{noticeText(t, notice)}</span>
            <button type="button" onClick={() => session.dismissNotice(notice.id)}>
              {t('dismissNotice')}
            </button>
          </p>
        ))}
      </div>
    </section>
  );
}
