import { useContext, useEffect, useState } from 'preact/hooks';
import { type Attachment, asString, isRecord } from '../directline/activity';
import { format } from '../i18n/strings';
import { safeHref, safeImageSrc } from '../markdown/safe-url';
import { CardActionList } from './CardActions';
import { Widget } from './context';

const HERO = 'application/vnd.microsoft.card.hero';
const THUMBNAIL = 'application/vnd.microsoft.card.thumbnail';
export const ADAPTIVE = 'application/vnd.microsoft.card.adaptive';

type AdaptiveModule = typeof import('../cards/adaptive-card');
let adaptiveModule: AdaptiveModule | null = null;

/** Adaptive Cards render through a chunk loaded on first use. */
function AdaptiveCardView(props: { content: unknown }) {
  const [module, setModule] = useState<AdaptiveModule | null>(adaptiveModule);
  useEffect(() => {
    if (module) return;
    let live = true;
    void import('../cards/adaptive-card').then((loaded) => {
      adaptiveModule = loaded;
      if (live) setModule(loaded);
    });
    return () => {
      live = false;
    };
  }, [module]);
  const context = useContext(Widget);
  useEffect(() => {
    if (module) context.reveal();
  }, [module]);
  if (!module) return <p class="meta">…</p>;
  return <module.AdaptiveCard card={props.content} onSubmit={context.submit} />;
}

function RichCard(props: { content: unknown; thumbnail: boolean }) {
  if (!isRecord(props.content)) return null;
  const card = props.content;
  const images = Array.isArray(card.images) ? card.images : [];
  const image = isRecord(images[0]) ? images[0] : null;
  const src = image ? safeImageSrc(image.url) : null;
  const title = asString(card.title);
  const subtitle = asString(card.subtitle);
  const text = asString(card.text);
  return (
    <div class={props.thumbnail ? 'card thumbnail' : 'card'}>
      {src && <img src={src} alt={asString(image?.alt) ?? ''} referrerpolicy="no-referrer" />}
      <div>
        {title && <h3>{title}</h3>}
        {subtitle && <p class="sub">{subtitle}</p>}
        {text && <p>{text}</p>}
      </div>
      <CardActionList actions={card.buttons} />
    </div>
  );
}

export function AttachmentView(props: { attachment: Attachment }) {
  const { attachment } = props;
  const context = useContext(Widget);
  const type = typeof attachment.contentType === 'string' ? attachment.contentType : '';
  if (type === HERO || type === THUMBNAIL) {
    return <RichCard content={attachment.content} thumbnail={type === THUMBNAIL} />;
  }
  if (type === ADAPTIVE) return <AdaptiveCardView content={attachment.content} />;
  const name = asString(attachment.name) ?? type;
  if (type.startsWith('image/')) {
    const src = safeImageSrc(attachment.contentUrl);
    return src ? <img class="card" src={src} alt={name} referrerpolicy="no-referrer" /> : null;
  }
  const href = safeHref(attachment.contentUrl, ['https:']);
  if (!href) return null;
  return (
    <a class="action" href={href} target="_blank" rel="noopener noreferrer" download={name}>
      {format(context.strings.download, { name })}
    </a>
  );
}
