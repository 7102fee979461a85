import type { Namespace } from 'socket.io';

/**
 * Whether anyone is in `room` on any node: this node's room at once, else the cluster's
 * answer (`fetchSockets` through the adapter: Redis with several nodes), asked at most once
 * per `ttlMs` and cached, so per-event work never waits on the network. Until the first
 * answer it says yes: a dashboard update too many is cheaper than one missed.
 */
export function clusterRoomWatched(
  namespace: Namespace,
  room: string,
  ttlMs = 2000,
): () => boolean {
  let watched = true;
  let askedAt = Number.NEGATIVE_INFINITY;
  let asking = false;
  return () => {
    if ((namespace.adapter.rooms.get(room)?.size ?? 0) > 0) return true;
    if (!asking && Date.now() - askedAt >= ttlMs) {
      asking = true;
      askedAt = Date.now();
      namespace
        .in(room)
        .fetchSockets()
        .then(
          (sockets) => {
            watched = sockets.length > 0;
          },
          () => {
            watched = true;
          },
        )
        .finally(() => {
          asking = false;
        });
    }
    return watched;
  };
}
