/** The socket.io event that carries every protocol frame, in both directions. */
export const FRAME_EVENT = 'frame';
