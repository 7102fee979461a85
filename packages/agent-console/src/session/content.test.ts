import { type ContentItem, serverToAgentMessage } from '@baton/handoff-protocol';
import { describe, expect, it } from 'vitest';
import { ContentCatalog, loadAllContent } from './content';

const item = (id: string, title: string, version: number): ContentItem => ({
  id,
  kind: 'canned',
  title,
  queue: null,
  body: `${title} v${version}`,
  version,
  retired: false,
  updatedAt: '2026-12-07T07:00:00.000Z',
  updatedBy: 'ada',
});

describe('ContentCatalog (admin list)', () => {
  it('a list read before a save and answered after its change keeps the saved version', () => {
    const catalog = new ContentCatalog();
    const sent: { id: string }[] = [];
    const send = (frame: { id: string }) => sent.push(frame) > 0;
    loadAllContent(catalog, send);
    const first = sent[0]!.id;
    catalog.apply(
      serverToAgentMessage('content.items', {
        inReplyTo: first,
        queue: null,
        items: [item('g', 'Greeting', 1)],
      }),
    );
    // A reconnection asks again; the server reads v1, then an admin's save broadcasts v2 and a
    // new item, then the late list arrives.
    loadAllContent(catalog, send);
    catalog.apply(serverToAgentMessage('content.changed', { item: item('g', 'Greeting', 2) }));
    catalog.apply(serverToAgentMessage('content.changed', { item: item('n', 'Parking', 1) }));
    catalog.apply(
      serverToAgentMessage('content.items', {
        inReplyTo: sent[1]!.id,
        queue: null,
        items: [item('g', 'Greeting', 1)],
      }),
    );
    expect(catalog.state.admin?.map((i) => [i.id, i.version])).toEqual([
      ['g', 2],
      ['n', 1],
    ]);
    // A newer list wins over what was known.
    loadAllContent(catalog, send);
    catalog.apply(
      serverToAgentMessage('content.items', {
        inReplyTo: sent[2]!.id,
        queue: null,
        items: [item('g', 'Greeting', 3), item('n', 'Parking', 1)],
      }),
    );
    expect(catalog.state.admin?.map((i) => [i.id, i.version])).toEqual([
      ['g', 3],
      ['n', 1],
    ]);
  });
});
