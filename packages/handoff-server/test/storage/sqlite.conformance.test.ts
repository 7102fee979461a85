import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { SqliteConversationStore } from '../../src/storage/sqlite/store';
import { testConversationStore } from '../../src/testing';
import { testKeyRing } from '../support/keys';

const dir = mkdtempSync(join(tmpdir(), 'baton-sqlite-'));
let counter = 0;
afterAll(() => rmSync(dir, { recursive: true, force: true }));

testConversationStore('sqlite (file, WAL)', async (options) => {
  counter += 1;
  const store = new SqliteConversationStore({
    filename: join(dir, `store-${counter}.db`),
    keyRing: testKeyRing(),
    ...options,
  });
  return { store, cleanup: () => store.close() };
});
