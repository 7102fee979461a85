/**
 * The shortcuts button and list: keys drawn as keycaps, the list in two columns. The button
 * shares one row with the conversation tabs (at the row's end), so both take one line above
 * the conversation at any width.
 */
export const SHORTCUT_CSS = `
.baton-console .workspace>nav{display:flex;flex-wrap:wrap;align-items:center;gap:var(--bc-space-1-5,6px) var(--bc-space-2,8px);margin-bottom:var(--bc-space-2,8px)}
.baton-console .workspace>nav .tabs{flex:1 1 auto;margin:0}
.baton-console .shortcuts-open{margin:0;margin-inline-start:auto}
.baton-console kbd{display:inline-block;min-width:1.4em;padding:0 .35em;border:1px solid var(--bc-border,#6b7280);border-bottom-width:2px;border-radius:4px;font:inherit;font-size:var(--bc-text-sm,.85rem);text-align:center}
.baton-console .shortcuts{display:grid;gap:var(--bc-space-2,8px);margin:0 0 var(--bc-space-4,16px)}
.baton-console .shortcuts>div{display:grid;grid-template-columns:minmax(9em,auto) 1fr;gap:var(--bc-space-3,12px);align-items:baseline}
.baton-console .shortcuts dt{white-space:nowrap}
.baton-console .shortcuts dd{margin:0}`;
