import type { AttachmentRef } from '@baton/handoff-protocol';
import { useEffect, useState } from 'preact/hooks';
import type { ConsoleAttachments } from '../../session/attachments';
import { useConsole } from '../context';

/** `1.2 MB`, `340 kB`, `12 B` in the console's language. */
export function formatSize(locale: string, bytes: number): string {
  const units = ['byte', 'kilobyte', 'megabyte'] as const;
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return new Intl.NumberFormat(locale, {
    style: 'unit',
    unit: units[unit],
    unitDisplay: 'short',
    maximumFractionDigits: unit === 0 ? 0 : 1,
  }).format(value);
}

/**
 * A shared file in the chat: an image is previewed inline (bytes fetched with the staff
 * token, shown through a blob URL; the link opens it full size), anything else is a file
 * chip that downloads it. Opening is audited by the server.
 */
export function AttachmentView({
  attachments,
  attachment,
  who,
}: {
  attachments: ConsoleAttachments;
  attachment: AttachmentRef;
  who: string;
}) {
  const { t, locale } = useConsole();
  const image = attachment.contentType.startsWith('image/');
  const [url, setUrl] = useState<string | null | undefined>(undefined);
  const { name } = attachment;
  useEffect(() => {
    if (!image) return;
    let live = true;
    void attachments.objectUrl(attachment.id).then((value) => {
      if (live) setUrl(value);
    });
    return () => {
      live = false;
    };
  }, [attachment.id, image]);
  const size = formatSize(locale, attachment.size);

  if (!image) {
    return (
      <button
        type="button"
        class="file-chip"
        data-attachment={attachment.id}
        onClick={() => {
          void attachments.objectUrl(attachment.id).then((href) => {
            if (!href) return;
            const link = document.createElement('a');
            link.href = href;
            link.download = name;
            link.rel = 'noopener';
            link.click();
          });
        }}
      >
        <span class="file-icon" aria-hidden="true">
          PDF
        </span>
        <span class="vh">{t('attachmentDownloadVerb')} </span>
        <span class="file-name">{name}</span> <span class="file-size">({size})</span>
      </button>
    );
  }
  if (url === undefined)
    return <p class="attachment-loading muted">{t('attachmentLoading', { name })}</p>;
  if (url === null)
    return <p class="attachment-missing muted">{t('attachmentUnavailable', { name })}</p>;
  return (
    <a
      class="attachment-image"
      href={url}
      target="_blank"
      rel="noopener noreferrer"
      title={t('attachmentOpen', { name })}
      data-attachment={attachment.id}
    >
      <img src={url} alt={t('attachmentImage', { name, who })} loading="lazy" />
    </a>
  );
}
