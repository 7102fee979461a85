import type { AttachmentRef } from '@baton/handoff-protocol';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { HandoffSession } from '../session';
import { checkFile, type FileRefusal, fileShares, objectUrl } from './file-share';

/**
 * The patient's files during a handoff, in their own lazy chunk (loaded when a handoff is
 * live or a file arrives): the paperclip that uploads and shares an image or PDF, and the
 * view of a shared file (an image inline, a PDF as a download), both fetched with the
 * patient's token and shown through blob URLs.
 */

const STRINGS = {
  en: [
    'Attach a file',
    'Sending {name}…',
    '{name} sent.',
    '{name} could not be sent.',
    'Download {name}',
    '{name} (image)',
    '{name} cannot be sent: only images and PDF files are accepted.',
    '{name} is too large to send (at most {max}).',
    'Send {name} again',
  ],
  fr: [
    'Joindre un fichier',
    'Envoi de {name}…',
    '{name} envoyé.',
    '{name} n’a pas pu être envoyé.',
    'Télécharger {name}',
    '{name} (image)',
    '{name} ne peut pas être envoyé : seules les images et les PDF sont acceptés.',
    '{name} est trop volumineux (au plus {max}).',
    'Renvoyer {name}',
  ],
  es: [
    'Adjuntar un archivo',
    'Enviando {name}…',
    '{name} enviado.',
    'No se pudo enviar {name}.',
    'Descargar {name}',
    '{name} (imagen)',
    'No se puede enviar {name}: solo se aceptan imágenes y archivos PDF.',
    '{name} es demasiado grande (como máximo {max}).',
    'Enviar {name} de nuevo',
  ],
} as const;

function text(locale: string, index: number, name: string, max = 0): string {
  const table = STRINGS[locale.slice(0, 2) as keyof typeof STRINGS] ?? STRINGS.en;
  const size = new Intl.NumberFormat(locale, {
    style: 'unit',
    unit: 'megabyte',
    unitDisplay: 'short',
    maximumFractionDigits: 1,
  }).format(max / 1_000_000);
  return table[index]!.replace('{name}', name).replace('{max}', size);
}

const REFUSAL_TEXT: Record<Exclude<FileRefusal, 'off'>, number> = { type: 6, size: 7 };

export function Attach(props: { session: HandoffSession; locale: string }) {
  const { session, locale } = props;
  const input = useRef<HTMLInputElement>(null);
  const [status, setStatus] = useState('');
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState<{ key: string; name: string } | null>(null);
  const policy = session.state.attachments;
  const settle = (name: string, shared: boolean, key?: string) => {
    setBusy(false);
    setStatus(text(locale, shared ? 2 : 3, name));
    setFailed(!shared && key ? { key, name } : null);
  };
  const pick = async (file: File | undefined) => {
    if (input.current) input.current.value = '';
    if (!file) return;
    const refusal = checkFile(session, file);
    if (refusal) {
      if (refusal !== 'off')
        setStatus(text(locale, REFUSAL_TEXT[refusal], file.name, policy?.maxBytes));
      return;
    }
    setBusy(true);
    setFailed(null);
    setStatus(text(locale, 1, file.name));
    const { shared, key } = await (await fileShares(session)).share(file);
    settle(file.name, shared, key);
  };
  const retry = async (again: { key: string; name: string }) => {
    setBusy(true);
    setStatus(text(locale, 1, again.name));
    settle(again.name, await (await fileShares(session)).retry(again.key), again.key);
  };
  if (!policy) return null;
  return (
    <>
      <label class="action attach">
        {text(locale, 0, '')}
        <input
          ref={input}
          class="vh"
          type="file"
          accept={policy.types.join(',')}
          disabled={busy}
          onChange={(e) => void pick(e.currentTarget.files?.[0])}
        />
      </label>
      {failed && !busy ? (
        <button type="button" class="action" onClick={() => void retry(failed)}>
          {text(locale, 8, failed.name)}
        </button>
      ) : null}
      <span class="vh" role="status">
        {status}
      </span>
    </>
  );
}

export function View(props: {
  session: HandoffSession;
  locale: string;
  attachment: AttachmentRef;
}) {
  const { attachment, session, locale } = props;
  const [url, setUrl] = useState<string | null>(null);
  const image = attachment.contentType.startsWith('image/');
  useEffect(() => {
    if (image) void objectUrl(session, attachment.id).then(setUrl);
  }, [attachment.id]);
  if (image)
    return url ? (
      <div class="bubble">
        <img class="attachment" src={url} alt={text(locale, 5, attachment.name)} />
      </div>
    ) : (
      <span>{attachment.name}</span>
    );
  return (
    <button
      type="button"
      class="link-button"
      onClick={() =>
        void objectUrl(session, attachment.id).then((href) => {
          if (!href) return;
          const link = document.createElement('a');
          link.href = href;
          link.download = attachment.name;
          link.click();
        })
      }
    >
      {text(locale, 4, attachment.name)}
    </button>
  );
}
