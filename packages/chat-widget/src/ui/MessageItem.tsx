import { useContext, useEffect, useState } from 'preact/hooks';
import type { ChatMessage } from '../conversation/state';
import { Markdown } from '../markdown/markdown';
import { AttachmentView } from './Attachments';
import { Widget } from './context';

const timeFormats = new Map<string, Intl.DateTimeFormat>();
export function formatTime(iso: string, locale: string): string {
  let formatter = timeFormats.get(locale);
  if (!formatter) {
    try {
      formatter = new Intl.DateTimeFormat(locale, { hour: 'numeric', minute: '2-digit' });
    } catch {
      formatter = new Intl.DateTimeFormat('en', { hour: 'numeric', minute: '2-digit' });
    }
    timeFormats.set(locale, formatter);
  }
  return formatter.format(new Date(iso));
}

// The page's first date format loads the browser's locale data (15–30 ms, 60–100 ms on a slow
// phone): the first messages are drawn without their time, which follows after that paint.
let timesShown: Promise<unknown> | undefined;
function MessageTime(props: { at: string; locale: string }) {
  const [ready, setReady] = useState(timeFormats.size > 0);
  useEffect(() => {
    timesShown ??= new Promise((done) => requestAnimationFrame(() => setTimeout(done)));
    if (!ready) timesShown.then(() => setReady(true));
  }, [ready]);
  return <time dateTime={props.at}>{ready && formatTime(props.at, props.locale)}</time>;
}

export function MessageItem(props: { message: ChatMessage }) {
  const { message } = props;
  const { strings, locale, retry } = useContext(Widget);
  const { activity } = message;
  const text = typeof activity.text === 'string' ? activity.text : '';
  const plain =
    message.from === 'patient' || activity.textFormat === 'plain' || activity.textFormat === 'xml';
  const attachments = Array.isArray(activity.attachments) ? activity.attachments.slice(0, 20) : [];
  // A card takes the panel's width; a text bubble stays narrower than the log.
  const wide = attachments.some((a) => /card/.test(String(a?.contentType)));
  return (
    <div class={`msg ${message.from}${wide ? ' wide' : ''}`}>
      <span class="vh">{message.from === 'bot' ? strings.bot : strings.you}: </span>
      {text && (
        // Each message reads in its own direction (English in an Arabic chat, and back).
        <div class="bubble" dir="auto">
          <Markdown text={text} plain={plain} labels={strings} />
        </div>
      )}
      {attachments.map((attachment, index) => (
        <AttachmentView key={index} attachment={attachment} />
      ))}
      <span class="meta">
        <MessageTime at={message.at} locale={locale} />
        {message.delivery === 'sending' && <> · {strings.sending}</>}
        {message.delivery === 'sent' && <span class="vh"> {strings.sent}</span>}
        {message.delivery === 'failed' && (
          <>
            {' · '}
            <span class="failed">{strings.failed}</span>
            <button type="button" class="link-button" onClick={() => retry(message.key)}>
              {strings.retry}
            </button>
          </>
        )}
      </span>
    </div>
  );
}
