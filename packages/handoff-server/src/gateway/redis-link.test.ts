import { describe, expect, it } from 'vitest';
import { publisherForAdapter } from './redis-link';

class Cluster {
  readonly isCluster = true;
  published: string[] = [];
  async publish(channel: string): Promise<number> {
    this.published.push(channel);
    if (channel === 'down') throw new Error('Socket closed unexpectedly');
    return 1;
  }
  on(): this {
    return this;
  }
}

describe('publisherForAdapter', () => {
  it('turns a publish cut by an outage into a reported failure, not a rejection', async () => {
    const failures: unknown[] = [];
    const client = new Cluster();
    const publisher = publisherForAdapter(client, (error) => failures.push(error));
    await expect(publisher.publish('up')).resolves.toBe(1);
    await expect(publisher.publish('down')).resolves.toBeUndefined();
    expect(failures).toHaveLength(1);
    expect(client.published).toEqual(['up', 'down']);
  });

  it('leaves everything else as it was (the adapter reads the constructor name)', () => {
    const client = new Cluster();
    const publisher = publisherForAdapter(client, () => undefined);
    expect(publisher.constructor.name).toBe('Cluster');
    expect(publisher.isCluster).toBe(true);
    expect(publisher.on()).toBe(client);
  });
});
