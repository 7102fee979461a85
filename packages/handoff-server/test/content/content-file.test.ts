import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { importContent, loadContentFile } from '../../src/content/content-file';
import { HandoffServerError } from '../../src/internal/errors';
import { MemoryConversationStore } from '../../src/storage/memory';

// BATON_CONTENT_FILE: an operator's starting content, imported once by id; admins' later
// edits and retirements win over the file on every restart.

let dir: string;
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function file(content: unknown): string {
  dir = mkdtempSync(join(tmpdir(), 'baton-content-'));
  const path = join(dir, 'content.json');
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

const ITEMS = [
  { id: 'hello', kind: 'canned', queue: null, title: 'Greeting', shortcut: 'hello', body: 'Hello' },
  {
    id: 'triage',
    kind: 'script',
    queue: 'general',
    title: 'Triage',
    body: '',
    steps: [{ label: 'Greet', text: 'Hello {patient.firstName}' }],
  },
];

describe('BATON_CONTENT_FILE', () => {
  it('imports new ids once, audited; an admin edit survives the next start', async () => {
    const store = new MemoryConversationStore();
    const seed = await loadContentFile(file({ items: ITEMS }));
    expect(await importContent(store, seed)).toBe(2);
    expect(await store.getContent('triage')).toMatchObject({
      version: 1,
      updatedBy: 'baton',
      steps: [{ label: 'Greet', text: 'Hello {patient.firstName}' }],
    });
    await store.updateContent('hello', {
      ...seed[0]!,
      body: 'Edited by an admin',
      updatedBy: 'ada',
    });
    expect(await importContent(store, seed)).toBe(0);
    expect((await store.getContent('hello'))?.body).toBe('Edited by an admin');
    const audit = await store.queryAudit({ actorId: 'baton' });
    expect(audit.map((a) => [a.action, a.actorRole, a.targetId, a.reason])).toEqual([
      ['content.save', 'system', 'hello', 'imported'],
      ['content.save', 'system', 'triage', 'imported'],
    ]);
  });

  it('refuses a file that is not JSON, not content, or an item its kind cannot use', async () => {
    const refused = (path: string) => loadContentFile(path).catch((e: unknown) => e);
    for (const bad of [
      'not json',
      { items: [{ kind: 'canned', queue: null, title: 'No id', shortcut: 'x', body: 'x' }] },
      { items: [{ id: 'x', kind: 'canned', queue: null, title: 'No shortcut', body: 'x' }] },
      { items: [{ ...ITEMS[1], id: 'y', steps: [] }] },
    ]) {
      const error = await refused(file(bad));
      expect(HandoffServerError.is(error, 'invalid_config'), String(error)).toBe(true);
      rmSync(dir, { recursive: true, force: true });
    }
    dir = mkdtempSync(join(tmpdir(), 'baton-content-'));
  });
});
