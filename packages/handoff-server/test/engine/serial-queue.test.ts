import { describe, expect, it } from 'vitest';
import { KeyedSerialQueue } from '../../src/engine/serial-queue';

/** A task the test finishes by hand. */
function held<T>(value: T) {
  let finish!: () => void;
  let fail!: (error: Error) => void;
  const done = new Promise<T>((resolve, reject) => {
    finish = () => resolve(value);
    fail = reject;
  });
  return { task: () => done, finish, fail };
}

describe('the per-key serial queue (the engine lock)', () => {
  it('runs one task at a time per key, in order; other keys run meanwhile; idle keys go', async () => {
    const queue = new KeyedSerialQueue();
    const started: string[] = [];
    const a1 = held('a1');
    const a2 = held('a2');
    const b1 = held('b1');
    const logged = (name: string, task: () => Promise<string>) => () => {
      started.push(name);
      return task();
    };
    const runs = [
      queue.run('a', logged('a1', a1.task)),
      queue.run('a', logged('a2', a2.task)),
      queue.run('b', logged('b1', b1.task)),
    ];
    await Promise.resolve();
    await Promise.resolve();
    // a2 waits for a1; b1 does not wait for either.
    expect(started).toEqual(['a1', 'b1']);
    expect(queue.size).toBe(2);
    b1.finish();
    await runs[2];
    a1.fail(new Error('a1 failed'));
    await expect(runs[0]).rejects.toThrow('a1 failed');
    // A failing task does not block the one behind it.
    await queue.run('c', async () => undefined);
    expect(started).toEqual(['a1', 'b1', 'a2']);
    const drained = queue.drain();
    a2.finish();
    await expect(runs[1]).resolves.toBe('a2');
    await drained;
    expect(queue.size).toBe(0);
  });

  it('keeps a key while work queued behind a finished task is still running', async () => {
    const queue = new KeyedSerialQueue();
    const first = held(1);
    const second = held(2);
    const one = queue.run('k', first.task);
    const two = queue.run('k', second.task);
    first.finish();
    await one;
    await Promise.resolve();
    expect(queue.size).toBe(1);
    const three = queue.run('k', async () => 3);
    second.finish();
    expect(await Promise.all([two, three])).toEqual([2, 3]);
    await queue.drain();
    expect(queue.size).toBe(0);
  });
});
