import type { ContentKind, MacroAction, ScriptStep } from '@baton/handoff-protocol';
import { iso } from './rows';

/**
 * Agent content (canned responses, scripts, knowledge articles, macros) as stored. Not PHI:
 * kept in clear. An edit bumps `version`; retiring hides an item from agents, never deletes.
 */
export interface ContentRecord {
  id: string;
  kind: ContentKind;
  /** `null`: every queue. */
  queue: string | null;
  title: string;
  /** Canned responses: unique among the live ones of a queue (and of `null`). */
  shortcut: string | null;
  body: string;
  steps: ScriptStep[] | null;
  actions: MacroAction[] | null;
  tags: string[];
  link: string | null;
  version: number;
  retired: boolean;
  createdAt: string;
  updatedAt: string;
  /** Staff id of whoever saved this version. */
  updatedBy: string;
}

/** The editable fields. */
export type ContentFields = Pick<
  ContentRecord,
  'kind' | 'queue' | 'title' | 'shortcut' | 'body' | 'steps' | 'actions' | 'tags' | 'link'
>;

export interface ContentFilter {
  /** That queue's items plus the ones for every queue. */
  queue?: string;
  kinds?: readonly ContentKind[];
  includeRetired?: boolean;
}

/** The most `listContent` returns. */
export const CONTENT_LIST_LIMIT = 500;

export interface ContentOps {
  /**
   * Version 1 of a new item. A reused id, or a shortcut a live canned response of the same
   * queue has already, is a `conflict` error.
   */
  createContent(item: ContentFields & { id: string; updatedBy: string }): Promise<ContentRecord>;
  /**
   * Replaces the fields and bumps `version`. `null` for an unknown id; `expectedVersion`
   * not current, or a taken shortcut, is a `conflict` error.
   */
  updateContent(
    id: string,
    edit: ContentFields & { updatedBy: string; expectedVersion?: number },
  ): Promise<ContentRecord | null>;
  /** Retires or restores (bumping `version`); `null` for an unknown id. */
  setContentRetired(id: string, retired: boolean, updatedBy: string): Promise<ContentRecord | null>;
  getContent(id: string): Promise<ContentRecord | null>;
  /** Kind, then title, then id (code-point order); at most `CONTENT_LIST_LIMIT`. */
  listContent(filter?: ContentFilter): Promise<ContentRecord[]>;
}

type Row = Record<string, unknown>;

const json = <T>(value: unknown): T | null =>
  value === null || value === undefined ? null : (JSON.parse(String(value)) as T);

/** A row of `content_items` (SQLite and PostgreSQL share the column names). */
export function toContent(row: Row): ContentRecord {
  return {
    id: String(row.id),
    kind: String(row.kind) as ContentKind,
    queue: row.queue === null || row.queue === undefined ? null : String(row.queue),
    title: String(row.title),
    shortcut: row.shortcut === null || row.shortcut === undefined ? null : String(row.shortcut),
    body: String(row.body),
    steps: json<ScriptStep[]>(row.steps),
    actions: json<MacroAction[]>(row.actions),
    tags: json<string[]>(row.tags) ?? [],
    link: row.link === null || row.link === undefined ? null : String(row.link),
    version: Number(row.version),
    retired: Boolean(row.retired),
    createdAt: iso(row.created_at as string),
    updatedAt: iso(row.updated_at as string),
    updatedBy: String(row.updated_by),
  };
}

/** Column values in `CONTENT_COLUMNS` order, after `id`. */
export function contentValues(fields: ContentFields): unknown[] {
  return [
    fields.kind,
    fields.queue,
    fields.title,
    fields.shortcut,
    fields.body,
    fields.steps ? JSON.stringify(fields.steps) : null,
    fields.actions ? JSON.stringify(fields.actions) : null,
    JSON.stringify(fields.tags),
    fields.link,
  ];
}

export const CONTENT_COLUMNS = [
  'kind',
  'queue',
  'title',
  'shortcut',
  'body',
  'steps',
  'actions',
  'tags',
  'link',
] as const;

/** Matches `listContent`'s filter (the memory store, and post-filters). */
export function contentMatches(item: ContentRecord, filter: ContentFilter): boolean {
  if (!filter.includeRetired && item.retired) return false;
  if (filter.queue !== undefined && item.queue !== null && item.queue !== filter.queue)
    return false;
  return !filter.kinds || filter.kinds.includes(item.kind);
}
