/** The supervisor's map and drill-in (filters, rows, the watched conversation, whispers). */
export const SUPERVISOR_CSS = `
.baton-console .map-filters{display:flex;flex-wrap:wrap;gap:var(--bc-space-3);align-items:end;border:1px solid var(--bc-border);border-radius:var(--bc-radius);padding:var(--bc-space-2) var(--bc-space-3);margin:0 0 var(--bc-space-2)}
.baton-console .map-filters label{display:flex;flex-direction:column;gap:var(--bc-space-0-5);font-size:var(--bc-text-sm2)}
.baton-console .badge.outcome{margin-inline-start:0}
.baton-console .map-outcome{display:inline-flex;flex-wrap:wrap;gap:var(--bc-space-1) var(--bc-space-2);align-items:center}
.baton-console .badge.whisper{background:var(--bc-whisper-bg);color:var(--bc-whisper);border-color:var(--bc-whisper)}
.baton-console .drill-in{border:2px solid var(--bc-primary);border-radius:var(--bc-radius);padding:var(--bc-space-2-5) var(--bc-space-3);margin:var(--bc-space-3) 0}
.baton-console .drill-in .conversation-header{display:flex;gap:var(--bc-space-3);align-items:center;flex-wrap:wrap}
.baton-console .drill-close{margin-inline-start:auto}
.baton-console .supervisor-actions{display:flex;flex-direction:column;gap:var(--bc-space-2);margin-top:var(--bc-space-2)}
.baton-console .line-form{display:flex;flex-wrap:wrap;gap:var(--bc-space-2);align-items:center}
.baton-console .line-form input{flex:1;min-width:12em}
`;
