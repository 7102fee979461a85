import type { CallOffer } from '@baton/handoff-protocol';
import { useEffect, useState } from 'preact/hooks';
import { format } from '../../i18n/strings';
import { safeHref } from '../../markdown/safe-url';
import { formatTime } from '../../ui/MessageItem';
import type { HandoffStrings } from './strings';

const MAX_TIMER_MS = 2 ** 31 - 1;

/** A call invitation: an https link opened in a new tab, without opener, until it expires. */
export function CallInvitation(props: {
  call: CallOffer;
  strings: HandoffStrings;
  locale: string;
  opensInNewTab: string;
  now?: () => number;
}) {
  const { call, strings } = props;
  const now = props.now ?? Date.now;
  const expiresAt = Date.parse(call.expiresAt);
  const [expired, setExpired] = useState(() => !(expiresAt > now()));
  useEffect(() => {
    if (expired) return;
    const timer = setTimeout(() => setExpired(true), Math.min(expiresAt - now(), MAX_TIMER_MS));
    return () => clearTimeout(timer);
  }, [expiresAt, expired]);
  const href = safeHref(call.joinUrl, ['https:']);
  return (
    <div class="followup call">
      <p>{strings.callTitle}</p>
      {expired || !href ? (
        <p class="failed">{strings.callExpired}</p>
      ) : (
        <>
          <a class="action primary" href={href} target="_blank" rel="noopener noreferrer">
            {strings.callJoin} <span class="vh">{props.opensInNewTab}</span>
          </a>
          <p class="meta">
            {format(strings.callExpires, { time: formatTime(call.expiresAt, props.locale) })}
          </p>
        </>
      )}
    </div>
  );
}
