/**
 * `draw`, once, at the end of the current task (a microtask: before the browser paints),
 * however many times it is asked for meanwhile. The widget's changes come in bursts (opening
 * the panel and the link's "connecting"; a session with the conversation id, the greeting and
 * the link state): one render per burst also keeps the effects of the last render (focus,
 * keeping the newest message in view) after the paint, where the layout they read is done,
 * instead of Preact running them before the next render and forcing a layout of their own.
 */
export function drawOncePerTask(draw: () => void): () => void {
  let queued = false;
  return () => {
    if (queued) return;
    queued = true;
    queueMicrotask(() => {
      queued = false;
      draw();
    });
  };
}
