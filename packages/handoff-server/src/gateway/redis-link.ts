import { serverToPatientMessage } from '@baton/handoff-protocol';
import type { Server } from 'socket.io';
import { AGENT_NAMESPACE, FRAME_EVENT, PATIENT_NAMESPACE } from './rooms';

interface Emitter {
  on(event: 'ready', listener: () => void): unknown;
  off?(event: 'ready', listener: () => void): unknown;
  removeListener?(event: 'ready', listener: () => void): unknown;
}

/** A second `resync` this long after the first covers frames published while the subscriber
 * was re-subscribing (its `ready` can precede the server taking the subscription). */
const SECOND_RESYNC_MS = 1000;

/**
 * After the Redis subscriber comes back (`ready` again: node-redis and ioredis both say so),
 * frames other nodes published meanwhile never reached this node: tell every client of this
 * node to `resync` (resume from its contiguous seq; the store has everything committed).
 * Returns a function that stops listening.
 */
export function resyncAfterRedisReconnect(
  io: Server,
  subscriber: unknown,
  onReconnect: () => void = () => undefined,
): () => void {
  const client = subscriber as Partial<Emitter> | null;
  if (!client || typeof client.on !== 'function') return () => undefined;
  let second: ReturnType<typeof setTimeout> | undefined;
  const tell = () => {
    const frame = serverToPatientMessage('resync', {});
    io.of(PATIENT_NAMESPACE).local.emit(FRAME_EVENT, frame);
    io.of(AGENT_NAMESPACE).local.emit(FRAME_EVENT, frame);
  };
  const onReady = () => {
    onReconnect();
    tell();
    clearTimeout(second);
    second = setTimeout(tell, SECOND_RESYNC_MS);
    second.unref?.();
  };
  client.on('ready', onReady);
  return () => {
    clearTimeout(second);
    (client.off ?? client.removeListener)?.call(client, 'ready', onReady);
  };
}

/**
 * The publisher as the Redis adapter gets it: `@socket.io/redis-adapter` does not handle the
 * promise of `publish`, so a command cut by a Redis restart would be an unhandled rejection
 * (which ends a Node process). Here a failed publish is reported once per outage and
 * swallowed: the frames it carried are recovered by `resync` and the clients' gap-fill.
 */
export function publisherForAdapter<C extends object>(
  client: C,
  onFailure: (error: unknown) => void,
): C {
  return new Proxy(client, {
    get(target, key) {
      const value: unknown = Reflect.get(target, key, target);
      // `constructor` unbound: the adapter tells an ioredis Cluster by its constructor's name.
      if (typeof value !== 'function' || key === 'constructor') return value;
      if (key !== 'publish' && key !== 'sPublish') return value.bind(target);
      return (...args: unknown[]) => {
        const result: unknown = value.apply(target, args);
        return result instanceof Promise
          ? result.catch((error: unknown) => {
              onFailure(error);
            })
          : result;
      };
    },
  });
}
