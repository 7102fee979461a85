import { describe, expect, it } from 'vitest';
import { HandoffServerError } from '../../internal/errors';
import type { ContentFields } from '../content-records';
import type { SuiteContext } from './fixture';

const canned = (over: Partial<ContentFields> = {}): ContentFields => ({
  kind: 'canned',
  queue: 'billing',
  title: 'Greeting',
  shortcut: 'hello',
  body: 'Hello {patient.firstName}, I am {agent.name}.',
  steps: null,
  actions: null,
  tags: [],
  link: null,
  ...over,
});

const isConflict = (error: unknown) => HandoffServerError.is(error, 'conflict');

/** Agent content: versions, retirement (hidden, kept), live shortcuts unique per queue. */
export function contentSuite(ctx: SuiteContext): void {
  describe('agent content', () => {
    it('creates version 1, edits bump the version, a stale edit is a conflict', async () => {
      const store = ctx.store();
      const created = await store.createContent({ id: 'ct-1', ...canned(), updatedBy: 'ada' });
      expect(created).toMatchObject({ id: 'ct-1', version: 1, retired: false, updatedBy: 'ada' });
      expect(created.tags).toEqual([]);
      expect(
        await store
          .createContent({ id: 'ct-1', ...canned({ shortcut: 'x' }), updatedBy: 'ada' })
          .catch((e: unknown) => e),
      ).toSatisfy(isConflict);
      const edited = await store.updateContent('ct-1', {
        ...canned({ body: 'Good morning {patient.firstName}.' }),
        updatedBy: 'grace',
        expectedVersion: 1,
      });
      expect(edited).toMatchObject({
        version: 2,
        body: 'Good morning {patient.firstName}.',
        updatedBy: 'grace',
      });
      expect(edited!.createdAt).toBe(created.createdAt);
      const stale = await store
        .updateContent('ct-1', {
          ...canned({ body: 'stale' }),
          updatedBy: 'ada',
          expectedVersion: 1,
        })
        .catch((e: unknown) => e);
      expect(stale).toSatisfy(isConflict);
      expect((await store.getContent('ct-1'))?.body).toBe('Good morning {patient.firstName}.');
      expect(await store.updateContent('nope', { ...canned(), updatedBy: 'ada' })).toBeNull();
      expect(await store.getContent('nope')).toBeNull();
    });

    it('keeps every kind with its fields', async () => {
      const store = ctx.store();
      await store.createContent({
        id: 'sc-1',
        ...canned({
          kind: 'script',
          queue: null,
          shortcut: null,
          title: 'Triage',
          body: '',
          steps: [
            { label: 'Greet', text: 'Hello {patient.firstName}' },
            { text: 'Where does it hurt?' },
          ],
        }),
        updatedBy: 'ada',
      });
      await store.createContent({
        id: 'ar-1',
        ...canned({
          kind: 'article',
          shortcut: null,
          title: 'Parking',
          tags: ['site', 'access'],
          link: 'https://example.org/parking',
        }),
        updatedBy: 'ada',
      });
      await store.createContent({
        id: 'ma-1',
        ...canned({
          kind: 'macro',
          shortcut: null,
          title: 'Wrap up',
          body: '',
          actions: [
            { kind: 'message', text: 'Bye' },
            { kind: 'survey' },
            { kind: 'end', reason: 'resolved' },
          ],
        }),
        updatedBy: 'ada',
      });
      expect(await store.getContent('sc-1')).toMatchObject({
        queue: null,
        shortcut: null,
        steps: [{ label: 'Greet' }, { text: 'Where does it hurt?' }],
      });
      expect(await store.getContent('ar-1')).toMatchObject({
        tags: ['site', 'access'],
        link: 'https://example.org/parking',
      });
      expect((await store.getContent('ma-1'))?.actions).toEqual([
        { kind: 'message', text: 'Bye' },
        { kind: 'survey' },
        { kind: 'end', reason: 'resolved' },
      ]);
      expect((await store.listContent({ kinds: ['article', 'macro'] })).map((c) => c.id)).toEqual([
        'ar-1',
        'ma-1',
      ]);
    });

    it('lists a queue with the every-queue items, in kind/title/id order, retired ones on request', async () => {
      const store = ctx.store();
      await store.createContent({
        id: 'b',
        ...canned({ title: 'Billing hours', shortcut: 'hours' }),
        updatedBy: 'ada',
      });
      await store.createContent({
        id: 'a',
        ...canned({ queue: null, title: 'Apology', shortcut: 'sorry' }),
        updatedBy: 'ada',
      });
      await store.createContent({
        id: 'c',
        ...canned({ queue: 'general', title: 'Card', shortcut: 'card' }),
        updatedBy: 'ada',
      });
      expect((await store.listContent({ queue: 'billing' })).map((c) => c.id)).toEqual(['a', 'b']);
      expect((await store.listContent()).map((c) => c.id)).toEqual(['a', 'b', 'c']);
      const retired = await store.setContentRetired('b', true, 'ada');
      expect(retired).toMatchObject({ retired: true, version: 2 });
      expect((await store.listContent({ queue: 'billing' })).map((c) => c.id)).toEqual(['a']);
      expect(
        (await store.listContent({ queue: 'billing', includeRetired: true })).map((c) => c.id),
      ).toEqual(['a', 'b']);
      expect(await store.getContent('b')).toMatchObject({ retired: true, body: canned().body });
      expect(await store.setContentRetired('ghost', true, 'ada')).toBeNull();
    });

    it('keeps live shortcuts unique per queue; a retired one frees its shortcut', async () => {
      const store = ctx.store();
      await store.createContent({ id: 'h1', ...canned(), updatedBy: 'ada' });
      const taken = await store
        .createContent({ id: 'h2', ...canned(), updatedBy: 'ada' })
        .catch((e: unknown) => e);
      expect(taken).toSatisfy(isConflict);
      expect(await store.getContent('h2')).toBeNull();
      await store.createContent({ id: 'h3', ...canned({ queue: 'general' }), updatedBy: 'ada' });
      await store.createContent({ id: 'h4', ...canned({ queue: null }), updatedBy: 'ada' });
      await store.createContent({ id: 'h5', ...canned({ shortcut: 'hi' }), updatedBy: 'ada' });
      const clash = await store
        .updateContent('h5', { ...canned(), updatedBy: 'ada' })
        .catch((e: unknown) => e);
      expect(clash).toSatisfy(isConflict);
      expect((await store.getContent('h5'))?.shortcut).toBe('hi');
      await store.setContentRetired('h1', true, 'ada');
      await store.createContent({ id: 'h6', ...canned(), updatedBy: 'ada' });
      expect(await store.setContentRetired('h1', false, 'ada').catch((e: unknown) => e)).toSatisfy(
        isConflict,
      );
      expect((await store.getContent('h1'))?.retired).toBe(true);
    });
  });
}
