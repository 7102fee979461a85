import type { AttachmentRef, ServerToPatient } from '@baton/handoff-protocol';
import { useEffect, useRef, useState } from 'preact/hooks';
import { newId, patientFrame } from '../frames';
import type { HandoffSession } from '../session';

/**
 * The patient's files during a handoff, in their own lazy chunk (loaded when a handoff is
 * live or a file arrives): the paperclip that uploads and shares an image or PDF, and the
 * view of a shared file (an image inline, a PDF as a download), both fetched with the
 * patient's token and shown through blob URLs.
 */

const ACCEPT = 'image/png,image/jpeg,image/gif,image/webp,application/pdf';
const WAIT_MS = 15_000;

const STRINGS = {
  en: [
    'Attach a file',
    'Sending {name}…',
    '{name} sent.',
    '{name} could not be sent.',
    'Download {name}',
    '{name} (image)',
  ],
  fr: [
    'Joindre un fichier',
    'Envoi de {name}…',
    '{name} envoyé.',
    "{name} n'a pas pu être envoyé.",
    'Télécharger {name}',
    '{name} (image)',
  ],
  es: [
    'Adjuntar un archivo',
    'Enviando {name}…',
    '{name} enviado.',
    'No se pudo enviar {name}.',
    'Descargar {name}',
    '{name} (imagen)',
  ],
} as const;

function text(locale: string, index: number, name: string): string {
  const table = STRINGS[locale.slice(0, 2) as keyof typeof STRINGS] ?? STRINGS.en;
  return table[index]!.replace('{name}', name);
}

/** The next frame on the socket matching `match`, or null after a while. */
function next<T>(session: HandoffSession, match: (frame: ServerToPatient) => T | undefined) {
  return new Promise<T | null>((resolve) => {
    const socket = session.socket;
    const done = (value: T | null) => {
      clearTimeout(timer);
      socket.off('frame', listen);
      resolve(value);
    };
    const listen = (frame: ServerToPatient) => {
      const found = match(frame);
      if (found !== undefined) done(found);
    };
    const timer = setTimeout(() => done(null), WAIT_MS);
    socket.on('frame', listen);
  });
}

const address = (session: HandoffSession, path: string) =>
  new URL(path, (session.socket.io as unknown as { uri: string }).uri).href;

/** Upload (grant → PUT) then share; true once the server acknowledged the share. */
export async function shareFile(session: HandoffSession, file: File): Promise<boolean> {
  const { conversationId } = session;
  const upload = patientFrame('attachment.upload', {
    conversationId,
    clientMessageId: newId(),
    name: file.name.replace(/[/\\\p{Cc}]/gu, '_').slice(0, 200) || 'file',
    contentType: file.type as AttachmentRef['contentType'],
    size: file.size,
  });
  const granted = next(session, (f) =>
    (f.type === 'attachment.grant' || f.type === 'error') &&
    f.clientMessageId === upload.clientMessageId
      ? f
      : undefined,
  );
  session.socket.emit('frame', upload);
  const grant = await granted;
  if (grant?.type !== 'attachment.grant') return false;
  const put = await fetch(address(session, grant.uploadPath), {
    method: 'PUT',
    headers: { authorization: `Bearer ${grant.uploadToken}` },
    body: file,
    credentials: 'omit',
  }).catch(() => null);
  if (!put?.ok) return false;
  const share = patientFrame('attachment.share', {
    conversationId,
    clientMessageId: newId(),
    attachmentId: grant.attachment.id,
  });
  const acked = next(session, (f) =>
    (f.type === 'ack' || f.type === 'error') && f.clientMessageId === share.clientMessageId
      ? f.type === 'ack'
      : undefined,
  );
  session.socket.emit('frame', share);
  return (await acked) === true;
}

const urls = new Map<string, Promise<string | null>>();

function objectUrl(session: HandoffSession, id: string): Promise<string | null> {
  let url = urls.get(id);
  if (!url) {
    url = session
      .token()
      .then((token) =>
        fetch(address(session, `/api/attachments/${encodeURIComponent(id)}`), {
          headers: { authorization: `Bearer ${token ?? ''}` },
          credentials: 'omit',
        }),
      )
      .then(async (r) => (r.ok ? URL.createObjectURL(await r.blob()) : null))
      .catch(() => null);
    urls.set(id, url);
  }
  return url;
}

export function Attach(props: { session: HandoffSession; locale: string }) {
  const input = useRef<HTMLInputElement>(null);
  const [status, setStatus] = useState('');
  const [busy, setBusy] = useState(false);
  const pick = async (file: File | undefined) => {
    if (!file) return;
    setBusy(true);
    setStatus(text(props.locale, 1, file.name));
    const ok = await shareFile(props.session, file);
    setBusy(false);
    setStatus(text(props.locale, ok ? 2 : 3, file.name));
    if (input.current) input.current.value = '';
  };
  return (
    <>
      <label class="action attach">
        {text(props.locale, 0, '')}
        <input
          ref={input}
          class="vh"
          type="file"
          accept={ACCEPT}
          disabled={busy}
          onChange={(e) => void pick(e.currentTarget.files?.[0])}
        />
      </label>
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
