/** Bot cards in the console, read-only (tokens from the console's palette). */
export const CARD_CSS = `
.baton-console .bot-card{margin:var(--bc-space-1) 0;padding:var(--bc-space-2) var(--bc-space-3);border:1px solid var(--bc-border);border-radius:var(--bc-radius);background:var(--bc-bg)}
.baton-console .bot-card .card-title{font-weight:700}
.baton-console .bot-card p{margin:2px 0}
.baton-console .card-facts{display:grid;gap:2px;margin:var(--bc-space-1) 0}
.baton-console .card-facts div{display:flex;gap:var(--bc-space-2)}
.baton-console .card-facts dt{font-weight:600}
.baton-console .card-facts dd{margin:0}
.baton-console .card-columns{display:flex;gap:var(--bc-space-3);flex-wrap:wrap}
.baton-console .card-input-label{font-weight:600}
.baton-console .card-actions{display:flex;flex-wrap:wrap;gap:var(--bc-space-1);margin:var(--bc-space-1) 0 0;padding:0;list-style:none}
.baton-console .card-actions li{padding:2px 10px;border:1px dashed var(--bc-border);border-radius:999px;font-size:var(--bc-text-sm)}`;
