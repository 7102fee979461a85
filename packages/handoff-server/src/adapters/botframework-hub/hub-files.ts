import { isIP } from 'node:net';
import type { AgentInfo } from '@baton/handoff-protocol';
import * as z from 'zod';
import { HandoffServerError } from '../../internal/errors';
import type { AdapterHost } from '../contract';
import { downloadFile } from './hub-file-download';

/**
 * Files the hub's agent bot sends to the patient (a message activity's `attachments` with a
 * `contentUrl`). `data:` URLs (base64) are read inline. Any other URL is fetched only from a
 * host listed here (`BATON_HUB_ATTACHMENT_HOSTS`), over https (http only for a listed host
 * when `allowPrivateAddresses`), never from a loopback, private or link-local address unless
 * `allowPrivateAddresses` (`BATON_HUB_ATTACHMENT_PRIVATE`), without following redirects,
 * within `timeoutMs` and `maxBytes`. The server then checks the bytes as it checks any upload.
 */
export interface HubAttachmentOptions {
  /** Host names whose `contentUrl`s are fetched; `*.example.org` for its subdomains. Default none. */
  allowedHosts?: readonly string[];
  /** Allow loopback/private addresses and http (development, a private agent system). */
  allowPrivateAddresses?: boolean;
  /** Per-file fetch timeout; default 10 s. */
  timeoutMs?: number;
  /** Largest file read; default 5 MiB (the server's own ceiling applies after). */
  maxBytes?: number;
}

const refused = (why: string) => new HandoffServerError('invalid_report', why);

const hostAllowed = (host: string, allowed: readonly string[]) =>
  allowed.some((rule) =>
    rule.startsWith('*.') ? host.endsWith(rule.slice(1)) : host === rule.toLowerCase(),
  );

/** Loopback, private, link-local, unspecified, CGNAT, multicast and their IPv6 forms. */
export function isPrivateAddress(address: string): boolean {
  const v4 = address.startsWith('::ffff:') ? address.slice(7) : address;
  if (isIP(v4) === 4) {
    const [a = 0, b = 0] = v4.split('.').map(Number);
    return (
      a === 0 ||
      a === 10 ||
      a === 127 ||
      (a === 100 && b >= 64 && b < 128) ||
      (a === 169 && b === 254) ||
      (a === 172 && b >= 16 && b < 32) ||
      (a === 192 && b === 168) ||
      a >= 224
    );
  }
  const v6 = address.toLowerCase();
  return (
    v6 === '::' ||
    v6 === '::1' ||
    v6.startsWith('fc') ||
    v6.startsWith('fd') ||
    v6.startsWith('fe8') ||
    v6.startsWith('fe9') ||
    v6.startsWith('fea') ||
    v6.startsWith('feb') ||
    v6.startsWith('ff')
  );
}

function fromDataUrl(url: string, maxBytes: number): Uint8Array {
  const match = /^data:[\w.+-]+\/[\w.+-]+(?:;[\w-]+=[\w.-]+)*;base64,([A-Za-z0-9+/]+={0,2})$/.exec(
    url,
  );
  if (!match) throw refused('unreadable data URL');
  if ((match[1]!.length * 3) / 4 > maxBytes + 2) throw refused('file too large');
  return new Uint8Array(Buffer.from(match[1]!, 'base64'));
}

/** The bytes behind one attachment's `contentUrl`, under the rules above. */
export async function fetchHubFile(
  contentUrl: string,
  options: HubAttachmentOptions,
): Promise<Uint8Array> {
  const maxBytes = options.maxBytes ?? 5 * 1024 * 1024;
  if (contentUrl.startsWith('data:')) return fromDataUrl(contentUrl, maxBytes);
  let url: URL;
  try {
    url = new URL(contentUrl);
  } catch {
    throw refused('invalid contentUrl');
  }
  const privateOk = options.allowPrivateAddresses === true;
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (url.protocol !== 'https:' && !(privateOk && url.protocol === 'http:'))
    throw refused('contentUrl must be https');
  if (url.username || url.password) throw refused('contentUrl with credentials');
  if (!hostAllowed(host, options.allowedHosts ?? [])) throw refused('contentUrl host not allowed');
  if (!privateOk && isIP(host) && isPrivateAddress(host))
    throw refused('contentUrl resolves to a private address');
  return downloadFile(url, {
    timeoutMs: options.timeoutMs ?? 10_000,
    maxBytes,
    // Names are checked as they are resolved for the connection itself.
    ...(privateOk ? {} : { isPrivate: isPrivateAddress }),
  });
}

/** A name for the patient: the attachment's own, else the URL's last segment, else `file`. */
export function hubFileName(name: string | undefined, contentUrl: string): string {
  let fromUrl: string | undefined;
  try {
    if (!contentUrl.startsWith('data:'))
      fromUrl = decodeURIComponent(new URL(contentUrl).pathname.split('/').pop() ?? '');
  } catch {
    fromUrl = undefined;
  }
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are removed
  const clean = (name || fromUrl || '').replace(/[/\\\u0000-\u001f\u007f]/g, '').trim();
  return (clean || 'file').slice(0, 200);
}

/** The attachments of a bot's activity, as far as they are read. */
export const ActivityAttachments = z
  .array(
    z.looseObject({
      contentType: z.optional(z.string().max(255)),
      contentUrl: z.optional(z.string()),
      name: z.optional(z.string().max(255)),
    }),
  )
  .max(10);

/** An activity attachment that is a file (a `contentUrl`), not a card. */
export interface ActivityFile {
  contentType?: string | undefined;
  contentUrl?: string | undefined;
  name?: string | undefined;
}

export const filesOf = (attachments: readonly ActivityFile[] | undefined) =>
  (attachments ?? []).filter(
    (a): a is ActivityFile & { contentUrl: string } =>
      typeof a.contentUrl === 'string' &&
      !a.contentType?.startsWith('application/vnd.microsoft.card'),
  );

/**
 * Each file of the agent bot's activity to the patient (`AdapterHost.agentAttachment`), after
 * its text, with `<activity id>#<n>` as the externalId (a retried activity commits nothing new).
 * The URL is never logged: it may carry a credential.
 */
export async function reportHubFiles(
  host: AdapterHost,
  conversationId: string,
  activityId: string,
  files: readonly (ActivityFile & { contentUrl: string })[],
  options: HubAttachmentOptions,
  agent: AgentInfo | undefined,
): Promise<void> {
  if (!host.agentAttachment) throw refused('files are not accepted');
  for (const [index, file] of files.entries()) {
    let bytes: Uint8Array;
    try {
      bytes = await fetchHubFile(file.contentUrl, options);
    } catch (error) {
      const reason = HandoffServerError.is(error) ? error.message : 'fetch failed';
      host.log.warn({ conversationId, activityId, reason }, 'hub file refused');
      throw error;
    }
    await host.agentAttachment(conversationId, {
      externalId: `${activityId}#${index}`.slice(0, 128),
      name: hubFileName(file.name, file.contentUrl),
      bytes,
      ...(agent && { agent }),
    });
  }
}
