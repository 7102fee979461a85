/** The supervisor's map and drill-in (filters, rows, the watched conversation, whispers). */
export const SUPERVISOR_CSS = `
.baton-console .map-filters{display:flex;flex-wrap:wrap;gap:12px;align-items:end;border:1px solid var(--bc-border);border-radius:8px;padding:8px 12px;margin:0 0 8px}
.baton-console .map-filters label{display:flex;flex-direction:column;gap:2px;font-size:.9rem}
.baton-console .badge.outcome{margin-inline-start:0}
.baton-console .map-outcome{display:inline-flex;flex-wrap:wrap;gap:4px 8px;align-items:center}
.baton-console .map-locale{text-transform:uppercase;font-size:.85rem}
.baton-console .badge.whisper{background:#efe6fb;color:#4a1d7a;border-color:#4a1d7a}
.baton-console .drill-in{border:2px solid var(--bc-primary);border-radius:10px;padding:10px 12px;margin:12px 0}
.baton-console .drill-in .conversation-header{display:flex;gap:12px;align-items:center;flex-wrap:wrap}
.baton-console .drill-close{margin-inline-start:auto}
.baton-console .supervisor-actions{display:flex;flex-direction:column;gap:8px;margin-top:8px}
.baton-console .line-form{display:flex;flex-wrap:wrap;gap:8px;align-items:center}
.baton-console .line-form input{flex:1;min-width:12em}
`;
