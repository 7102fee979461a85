/** The browser's `online`/`offline` events, as `navigator.onLine`; returns the unsubscribe. */
export function watchNetwork(changed: (online: boolean) => void): () => void {
  const network = () => changed(navigator.onLine);
  window.addEventListener('online', network);
  window.addEventListener('offline', network);
  return () => {
    window.removeEventListener('online', network);
    window.removeEventListener('offline', network);
  };
}
