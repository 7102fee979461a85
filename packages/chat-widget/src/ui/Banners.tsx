import type { ConnectionState } from '../conversation/state';
import type { Strings } from '../i18n/strings';
import { safeHref } from '../markdown/safe-url';

export function connectionText(state: ConnectionState, strings: Strings): string {
  switch (state) {
    case 'idle':
    case 'connecting':
      return strings.connecting;
    case 'reconnecting':
      return strings.reconnecting;
    case 'offline':
      return strings.offline;
    case 'ended':
      return strings.ended;
    case 'online':
      return strings.online;
  }
}

/**
 * Shown at once when a red flag is seen, until a person joins (the agent has the guidance;
 * a red flag typed to the person shows it again). The number is the call link inside the
 * sentence, said once.
 */
export function EmergencyBanner(props: { number: string; strings: Strings }) {
  const tel = safeHref(`tel:${props.number.replace(/[^\d+]/g, '')}`, ['tel:']);
  const [before = '', after = ''] = props.strings.emergencyBody.split('{number}');
  return (
    <div class="emergency" role="alert">
      <strong>{props.strings.emergencyTitle}</strong> {before}
      {tel ? <a href={tel}>{props.number}</a> : props.number}
      {after}
    </div>
  );
}

export function ConfirmHandoff(props: { strings: Strings; onAnswer(accept: boolean): void }) {
  return (
    <fieldset class="confirm">
      <legend>{props.strings.confirmHandoff}</legend>
      <div class="actions">
        <button type="button" class="action primary" onClick={() => props.onAnswer(true)}>
          {props.strings.yes}
        </button>
        <button type="button" class="action" onClick={() => props.onAnswer(false)}>
          {props.strings.no}
        </button>
      </div>
    </fieldset>
  );
}
