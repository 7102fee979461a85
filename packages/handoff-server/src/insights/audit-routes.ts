import type { IncomingMessage, ServerResponse } from 'node:http';
import { auditRole } from '../auth/principal';
import type { TokenVerifiers } from '../gateway/transcript-export';
import { HttpInputError } from '../ops/http';
import type { ConversationStore } from '../storage/contract';
import type { AuditAction, AuditQuery, AuditRecord } from '../storage/records';
import { csvCell } from './analytics-csv';
import { gateStaff } from './staff-request';
import { nextDay, startOfLocalDay } from './time-zone';

export interface AuditRoutesOptions {
  store: ConversationStore;
  verifiers: TokenVerifiers;
  timeZone?: string;
}

const ID = /^[\x21-\x7e]{1,128}$/;
const ACTION = /^[a-z_]{1,32}(\.[a-z_]{1,32})?$/;
const COLUMNS: readonly (keyof AuditRecord)[] = [
  'id',
  'at',
  'action',
  'outcome',
  'actorId',
  'actorRole',
  'conversationId',
  'patientId',
  'targetId',
  'reason',
];

/** The viewer's filters from the query string; a bad one is the client's error (400). */
export function auditQueryOf(url: URL, timeZone: string): AuditQuery {
  const text = (name: string, pattern: RegExp) => {
    const value = url.searchParams.get(name);
    if (value === null || value === '') return undefined;
    if (!pattern.test(value)) throw new HttpInputError(400, 'invalid_message', `Bad ${name}`);
    return value;
  };
  const day = (name: string, after: boolean) => {
    const value = text(name, /^\d{4}-\d{2}-\d{2}$/);
    if (value === undefined) return undefined;
    const start = startOfLocalDay(after ? nextDay(value) : value, timeZone);
    if (!start) throw new HttpInputError(400, 'invalid_message', `Bad ${name}`);
    return new Date(start.getTime() - (after ? 1 : 0)).toISOString();
  };
  const query: AuditQuery = { newestFirst: true, limit: 1000 };
  const actorId = text('actor', ID);
  const patientId = text('patient', ID);
  const conversationId = text('conversation', ID);
  const action = text('action', ACTION);
  const from = day('from', false);
  const to = day('to', true);
  return {
    ...query,
    ...(actorId ? { actorId } : {}),
    ...(patientId ? { patientId } : {}),
    ...(conversationId ? { conversationId } : {}),
    ...(action ? { action: action as AuditAction } : {}),
    ...(from ? { from } : {}),
    ...(to ? { to } : {}),
  };
}

export function auditCsv(records: readonly AuditRecord[]): string {
  const lines = [COLUMNS.join(',')];
  for (const r of records) lines.push(COLUMNS.map((c) => csvCell(r[c])).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

/**
 * `GET /api/admin/audit?actor=&patient=&conversation=&action=&from=&to=&format=csv`: the audit
 * log, newest first (at most 1,000 records), for administrators. Reading it is itself audited
 * (`audit.read`; `export` as reason for the CSV), and so is a refusal.
 */
export function createAuditRoutes(options: AuditRoutesOptions) {
  const timeZone = options.timeZone ?? 'UTC';
  return async (req: IncomingMessage, res: ServerResponse, path: string): Promise<boolean> => {
    if (path !== '/api/admin/audit') return false;
    const url = new URL(req.url ?? '/', 'http://localhost');
    const csv = url.searchParams.get('format') === 'csv';
    const json = (status: number, body: unknown) => {
      res.writeHead(status, {
        'content-type': 'application/json; charset=utf-8',
        'cache-control': 'no-store',
        'x-content-type-options': 'nosniff',
      });
      res.end(JSON.stringify(body));
      return true;
    };
    if (req.method !== 'GET')
      return json(405, { error: { code: 'invalid_message', message: 'GET only' } });
    const gate = await gateStaff(req, options, ['admin'], 'audit.read');
    if (!gate.ok) return json(gate.status, gate.body);
    const query = auditQueryOf(url, timeZone);
    const records = await options.store.queryAudit(query);
    await options.store.appendAudit({
      action: 'audit.read',
      outcome: 'allowed',
      actorId: gate.staff.staffId,
      actorRole: auditRole(gate.staff),
      conversationId: query.conversationId ?? null,
      patientId: query.patientId ?? null,
      targetId: query.actorId ?? null,
      reason: csv ? 'export' : null,
    });
    if (!csv) return json(200, { records });
    res.writeHead(200, {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': 'attachment; filename="baton-audit.csv"',
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    });
    res.end(auditCsv(records));
    return true;
  };
}
