import { format } from '../../i18n/strings';
import { Markdown } from '../../markdown/markdown';
import { formatTime } from '../../ui/MessageItem';
import type { HandoffState } from '../state';
import type { ThreadItem, ThreadMessage } from '../thread';
import { AttachmentSlot } from './AttachmentSlot';
import { agentName } from './Status';
import type { HandoffActions, HandoffViewProps } from './types';

type ChatStrings = {
  you: string;
  sending: string;
  failed: string;
  retry: string;
  opensInNewTab: string;
};

function initials(name: string): string {
  const letters = name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((word) => [...word][0] ?? '');
  return letters.join('').toUpperCase() || '?';
}

function Message(props: {
  item: ThreadMessage;
  state: HandoffState;
  actions: HandoffActions;
  strings: HandoffViewProps['strings'];
  chat: ChatStrings;
  locale: string;
}) {
  const { item, strings, chat } = props;
  const agent = item.agent ?? (item.from === 'agent' ? props.state.agent : undefined);
  const name = item.from === 'agent' ? agentName(agent, strings) : undefined;
  const seen =
    item.from === 'patient' && item.seq !== undefined && item.seq <= props.state.agentReadUpTo;
  return (
    <div class={`msg ${item.from === 'patient' ? 'patient' : item.from}`}>
      {name && (
        <span class="who">
          <span class="avatar" aria-hidden="true">
            {agent?.initials ?? initials(name)}
          </span>
          {name}
        </span>
      )}
      <span class="vh">
        {item.from === 'patient' ? chat.you : item.from === 'agent' ? '' : strings.notice}
        {item.from !== 'agent' && ': '}
      </span>
      {item.attachment && (
        <AttachmentSlot
          view="View"
          actions={props.actions}
          locale={props.locale}
          attachment={item.attachment}
        />
      )}
      {item.from === 'agent' && item.textFormat === 'markdown' ? (
        <div class="bubble" dir="auto">
          <Markdown text={item.text} labels={chat} />
        </div>
      ) : (
        item.text && (
          <div class="bubble plain" dir="auto">
            {item.text}
          </div>
        )
      )}
      <span class="meta">
        <time dateTime={item.at}>{formatTime(item.at, props.locale)}</time>
        {item.delivery === 'sending' && <> · {chat.sending}</>}
        {seen && <> · {strings.seen}</>}
        {item.delivery === 'failed' && (
          <>
            {' · '}
            <span class="failed">{chat.failed}</span>
            <button type="button" class="link-button" onClick={() => props.actions.retry(item.key)}>
              {chat.retry}
            </button>
          </>
        )}
      </span>
    </div>
  );
}

/** The conversation with the person, shown inside the chat log after the bot's messages. */
export function HandoffThread(
  props: HandoffViewProps & {
    chat: ChatStrings;
  },
) {
  const { strings } = props;
  const notice = (item: Extract<ThreadItem, { kind: 'notice' }>) => {
    switch (item.notice) {
      case 'joined':
        return format(strings.joined, { name: agentName(item.agent, strings) });
      case 'ended':
        return strings.ended;
      case 'returned':
        return strings.returned;
      case 'agent-left':
        return strings.agentLeft;
      case 'supervisor-joined':
        return format(strings.supervisorJoined, { name: agentName(item.agent, strings) });
    }
  };
  return (
    <>
      {props.state.items.map((item) =>
        item.kind === 'notice' ? (
          <p key={item.key} class="handoff-notice">
            {notice(item)}
          </p>
        ) : (
          <Message key={item.key} {...props} item={item} />
        ),
      )}
    </>
  );
}
