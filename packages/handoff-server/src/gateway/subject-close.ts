import type { Namespace, Socket } from 'socket.io';

/** Told to the other nodes when a subject floods: its sockets there are closed too. */
export const SUBJECT_FLOODED_EVENT = 'baton:subject-flooded';

/**
 * Closes every socket of one subject (a patient, a staff member) in a namespace, on every
 * node: this node's found among its sockets, the other nodes' told through the adapter when
 * several nodes share one (`clustered`, the Redis adapter).
 *
 * No room per subject: a room is a set and a map entry on every idle connection, and it is
 * only ever needed when a subject floods, which is rare and bounded (the subject is then
 * refused for `floodPenaltyMs`), so a scan of the node's sockets is the cheaper way.
 */
export function subjectCloser(
  namespace: Namespace,
  subjectOf: (socket: Socket) => string,
  clustered: boolean,
): (subject: string) => void {
  const closeHere = (subject: string) => {
    for (const socket of [...namespace.sockets.values()])
      if (subjectOf(socket) === subject) socket.disconnect(true);
  };
  if (clustered)
    namespace.on(SUBJECT_FLOODED_EVENT, (subject: unknown) => {
      if (typeof subject === 'string') closeHere(subject);
    });
  return (subject) => {
    closeHere(subject);
    if (clustered) namespace.serverSideEmit(SUBJECT_FLOODED_EVENT, subject);
  };
}
