/** Styles of the follow-up worklist, appended to `CONSOLE_CSS`. */
export const WORKLIST_CSS = `
.baton-console .worklist{display:grid;grid-template-columns:minmax(320px,1fr) minmax(320px,1.2fr);gap:16px;padding:12px}
@media (max-width:900px){.baton-console .worklist{grid-template-columns:1fr}}
.baton-console .followup-list{list-style:none;margin:0;padding:0}
.baton-console .followup{padding:10px;margin-bottom:8px;border:1px solid var(--bc-border);border-radius:8px}
.baton-console .followup.selected{border:2px solid var(--bc-primary);background:#f3f8fd}
.baton-console .followup.priority-emergency{border-inline-start:6px solid var(--bc-danger)}
.baton-console .followup.priority-urgent{border-inline-start:6px solid var(--bc-urgent)}
.baton-console .followup-head{display:flex;flex-wrap:wrap;gap:6px;align-items:baseline}
.baton-console .followup-head .patient-name{font-weight:700;font-size:1.05rem}
.baton-console .followup-asked{margin:6px 0;padding:6px 8px;background:var(--bc-surface);border-radius:6px;white-space:pre-wrap;overflow-wrap:anywhere}
.baton-console .followup-meta{display:flex;flex-wrap:wrap;gap:4px 14px;margin:0;font-size:.9rem}
.baton-console .followup-meta div{display:flex;gap:4px}
.baton-console .followup-meta dt{color:var(--bc-muted)}
.baton-console .followup-meta dd{margin:0}
.baton-console .followup-detail textarea{width:100%;min-height:90px;padding:6px;border:1px solid var(--bc-border);border-radius:6px}
.baton-console .followup-detail .entries li{padding:4px 0;border-bottom:1px solid var(--bc-surface)}
.baton-console .worklist-counts{display:flex;flex-wrap:wrap;gap:6px 18px;margin:0 0 8px}
.baton-console .worklist-counts div{display:flex;gap:4px}
.baton-console .worklist-counts dt{color:var(--bc-muted)}
.baton-console .worklist-counts dd{margin:0;font-weight:700}
`;
