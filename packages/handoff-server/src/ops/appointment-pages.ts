import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Slot } from '@baton/handoff-protocol';
import {
  APPOINTMENT_LINK_PATH,
  type AppointmentLinkClaims,
  type AppointmentLinkSigner,
  verifyAppointmentLink,
} from '../engine/followups/appointment-links';
import type { FollowUps } from '../engine/followups/followups';
import type { EngineLogger } from '../engine/types';
import type { AuditEvent } from '../storage/records';
import { type AppointmentPageText, pageLanguage } from './appointment-page-text';

const MAX_FORM = 8 * 1024;

const html = (value: string) =>
  value.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

function when(iso: string, lang: string, timeZone: string | undefined): string {
  const options: Intl.DateTimeFormatOptions = {
    weekday: 'long',
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    timeZoneName: 'short',
  };
  for (const [locale, zone] of [
    [lang, timeZone ?? 'UTC'],
    ['en', timeZone ?? 'UTC'],
    ['en', 'UTC'],
  ] as const) {
    try {
      return new Intl.DateTimeFormat(locale, { ...options, timeZone: zone }).format(new Date(iso));
    } catch {
      // An unknown locale or time zone in the link: the next, plainer choice.
    }
  }
  return iso;
}

async function readForm(req: IncomingMessage): Promise<URLSearchParams | null> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_FORM) return null;
    chunks.push(chunk as Buffer);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

interface Page {
  status: number;
  title: string;
  body: string;
}

/**
 * The pages a signed link opens (`/appointments/cancel`, `/appointments/reschedule`): the
 * appointment's time and place only, a form to cancel or to pick another free slot, in the
 * patient's language (en, fr, es) and time zone. Scriptless, under a strict CSP; the token is
 * never logged. Returns false for other paths.
 */
export function createAppointmentPages(options: {
  followUps: FollowUps;
  signer: AppointmentLinkSigner;
  logger: EngineLogger;
  /** Every use of a link, and every refused one (ids and codes only). */
  audit: (event: AuditEvent) => Promise<unknown>;
}) {
  const { followUps, signer, logger, audit } = options;
  const changes = followUps.appointmentChanges;

  const send = (res: ServerResponse, lang: string, page: Page) => {
    const nonce = randomBytes(16).toString('base64');
    res.writeHead(page.status, {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      'referrer-policy': 'no-referrer',
      'x-content-type-options': 'nosniff',
      'content-security-policy': `default-src 'none'; style-src 'nonce-${nonce}'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'`,
    });
    res.end(
      `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${html(page.title)}</title><style nonce="${nonce}">body{font:16px/1.5 system-ui,sans-serif;max-width:36rem;margin:2rem auto;padding:0 1rem;color:#1b1b1f}h1{font-size:1.5rem}fieldset{border:1px solid #c4c6d0;border-radius:8px;padding:.5rem 1rem}label{display:block;padding:.4rem 0}button{font:inherit;padding:.6rem 1.2rem;margin-top:1rem;border-radius:6px;border:0;background:#0b57d0;color:#fff;cursor:pointer}button:focus-visible{outline:3px solid #1b1b1f;outline-offset:2px}[role=status],[role=alert]{padding:.75rem;border-radius:6px;background:#eef2ff}</style></head><body><main><h1>${html(page.title)}</h1>${page.body}</main></body></html>`,
    );
  };

  const describe = (text: AppointmentPageText, slot: Slot, lang: string, tz?: string) =>
    `<p><strong>${html(text.yourAppointment)}:</strong> ${html(when(slot.start, lang, tz))}${
      slot.schedule ? `<br>${html(text.with)} ${html(slot.schedule.display)}` : ''
    }</p>`;

  const slotForm = (
    claims: AppointmentLinkClaims,
    token: string,
    text: AppointmentPageText,
    slots: Slot[],
    lang: string,
  ) =>
    slots.length === 0
      ? `<p role="status">${html(text.noSlots)}</p>`
      : `<form method="post"><input type="hidden" name="t" value="${html(token)}"><fieldset><legend>${html(text.pickSlot)}</legend>${slots
          .map(
            (s, i) =>
              `<label><input type="radio" name="slot" value="${html(s.id)}"${i === 0 ? ' required' : ''}> ${html(when(s.start, lang, claims.timeZone))}${s.schedule ? ` — ${html(s.schedule.display)}` : ''}</label>`,
          )
          .join('')}</fieldset><button type="submit">${html(text.moveButton)}</button></form>`;

  const render = async (
    form: URLSearchParams | null,
    claims: AppointmentLinkClaims,
    token: string,
    text: AppointmentPageText,
    lang: string,
  ): Promise<Page> => {
    const title = claims.action === 'cancel' ? text.cancelTitle : text.rescheduleTitle;
    if (form && claims.action === 'cancel') {
      const result = await changes.cancelByLink(claims);
      return result.ok
        ? {
            status: 200,
            title,
            body: `<p role="status">${html(text.cancelled)}</p>${describe(text, result.appointment.slot, lang, claims.timeZone)}`,
          }
        : { status: 409, title, body: `<p role="alert">${html(text.gone)}</p>` };
    }
    if (form) {
      const slotId = form?.get('slot') ?? '';
      const result = await changes.rescheduleByLink(claims, slotId);
      if (result.ok)
        return {
          status: 200,
          title,
          body: `<p role="status">${html(text.moved)} ${html(when(result.appointment.slot.start, lang, claims.timeZone))}</p>${describe(text, result.appointment.slot, lang, claims.timeZone)}`,
        };
      if (result.reason === 'conflict')
        return {
          status: 409,
          title,
          body: `<p role="alert">${html(text.taken)}</p>${slotForm(claims, token, text, result.freeSlots, lang)}`,
        };
      const view = await changes.linkView(claims);
      if (view.appointment?.status !== 'booked')
        return { status: 409, title, body: `<p role="alert">${html(text.gone)}</p>` };
      return {
        status: 400,
        title,
        body: `${describe(text, view.appointment.slot, lang, claims.timeZone)}${slotForm(claims, token, text, view.freeSlots, lang)}`,
      };
    }
    const view = await changes.linkView(claims);
    if (view.appointment?.status !== 'booked')
      return { status: 410, title, body: `<p role="alert">${html(text.gone)}</p>` };
    const summary = describe(text, view.appointment.slot, lang, claims.timeZone);
    if (claims.action === 'cancel')
      return {
        status: 200,
        title,
        body: `${summary}<form method="post"><input type="hidden" name="t" value="${html(token)}"><p>${html(text.confirmCancel)}</p><button type="submit">${html(text.cancelButton)}</button></form>`,
      };
    return {
      status: 200,
      title,
      body: `${summary}${slotForm(claims, token, text, view.freeSlots, lang)}`,
    };
  };

  return async (req: IncomingMessage, res: ServerResponse, path: string): Promise<boolean> => {
    if (!path.startsWith(APPOINTMENT_LINK_PATH)) return false;
    const action = path.slice(APPOINTMENT_LINK_PATH.length);
    if (action !== 'cancel' && action !== 'reschedule') return false;
    if (req.method !== 'GET' && req.method !== 'POST') {
      res.writeHead(405, { allow: 'GET, POST' });
      res.end();
      return true;
    }
    // The token rides in the query (the link) and again in the form body (the POST).
    const query = new URL(req.url ?? '/', 'http://link').searchParams.get('t') ?? '';
    const form = req.method === 'POST' ? ((await readForm(req)) ?? new URLSearchParams()) : null;
    const token = query || (form?.get('t') ?? '');
    const claims = verifyAppointmentLink(signer, token);
    const { lang, text } = pageLanguage(claims?.locale, req.headers['accept-language']);
    await audit({
      action: 'appointment.link',
      outcome: claims && claims.action === action ? 'allowed' : 'denied',
      actorId: claims?.patientId ?? 'anonymous',
      actorRole: claims ? 'patient' : 'unverified',
      conversationId: claims?.conversationId ?? null,
      patientId: claims?.patientId ?? null,
      targetId: claims?.appointmentId ?? null,
      reason:
        claims && claims.action === action
          ? `${action}:${form ? 'submit' : 'view'}`
          : 'invalid_link',
    }).catch(() => logger.warn({}, 'appointment link audit failed'));
    if (!claims || claims.action !== action) {
      send(res, lang, {
        status: 403,
        title: text.rescheduleTitle,
        body: `<p role="alert">${html(text.expired)}</p>`,
      });
      return true;
    }
    try {
      // Dates in the link's full locale (en-GB, fr-CA) when it is the page's language.
      const dateLocale = claims.locale?.toLowerCase().startsWith(lang) ? claims.locale : lang;
      send(res, lang, await render(form, claims, token, text, dateLocale));
    } catch (error) {
      logger.warn(
        {
          conversationId: claims.conversationId,
          err: (error as { code?: string }).code ?? 'error',
        },
        'appointment link failed',
      );
      send(res, lang, {
        status: 503,
        title: text.rescheduleTitle,
        body: `<p role="alert">${html(text.noSlots)}</p>`,
      });
    }
    return true;
  };
}
