/**
 * "Signed in as {name}" in the top bar, on two short lines (the words, then the name) so a
 * supervisor's full bar fits 1280 px in Spanish with her whole name; the words alone may end
 * in an ellipsis, never the name. The title holds the whole line.
 */
export function SignedInAs({ text, name }: { text: string; name: string }) {
  // `text` is the translated line with U+0000 where the name goes.
  const [before = '', after = ''] = text.split('\u0000');
  const whole = `${before}${name}${after}`;
  return (
    <p class="who" title={whole}>
      {/* The spaces stay in the text (read aloud, copied); the line break draws them. */}
      {before.trim() ? <span class="who-words">{before.trimEnd()}</span> : null}
      {before.endsWith(' ') ? ' ' : null}
      <span class="who-name">{name}</span>
      {after.startsWith(' ') ? ' ' : null}
      {after.trim() ? <span class="who-words">{after.trimStart()}</span> : null}
    </p>
  );
}
