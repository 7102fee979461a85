/** Styles of the follow-up worklist, appended to `CONSOLE_CSS`. */
export const WORKLIST_CSS = `
.baton-console .worklist{display:grid;grid-template-columns:minmax(320px,1fr) minmax(320px,1.2fr);gap:var(--bc-space-4);padding:var(--bc-space-3)}
@media (max-width:900px){.baton-console .worklist{grid-template-columns:1fr}}
.baton-console .followup-list{list-style:none;margin:0;padding:0}
.baton-console .followup{padding:var(--bc-space-2-5);margin-bottom:var(--bc-space-2);border:1px solid var(--bc-border);border-radius:var(--bc-radius)}
.baton-console .followup.selected{border:2px solid var(--bc-primary);background:var(--bc-selected-bg)}
.baton-console .followup.priority-emergency{border-inline-start:6px solid var(--bc-danger)}
.baton-console .followup.priority-urgent{border-inline-start:6px solid var(--bc-urgent)}
.baton-console .followup-head{display:flex;flex-wrap:wrap;gap:var(--bc-space-1-5);align-items:baseline}
.baton-console .followup-head .patient-name{font-weight:700;font-size:var(--bc-text-md)}
.baton-console .followup-asked{margin:var(--bc-space-1-5) 0;padding:var(--bc-space-1-5) var(--bc-space-2);background:var(--bc-surface);border-radius:var(--bc-radius-sm);white-space:pre-wrap;overflow-wrap:anywhere}
.baton-console .followup-meta{display:flex;flex-wrap:wrap;gap:var(--bc-space-1) var(--bc-space-3-5);margin:0;font-size:var(--bc-text-sm2)}
.baton-console .followup-meta div{display:flex;gap:var(--bc-space-1)}
.baton-console .followup-meta dt{color:var(--bc-muted)}
.baton-console .followup-meta dd{margin:0}
.baton-console .followup-detail textarea{width:100%;min-height:90px;padding:var(--bc-space-1-5);border:1px solid var(--bc-border);border-radius:var(--bc-radius-sm)}
.baton-console .followup-detail .entries li{padding:var(--bc-space-1) 0;border-bottom:1px solid var(--bc-surface)}
.baton-console .worklist-counts{display:flex;flex-wrap:wrap;gap:var(--bc-space-1-5) var(--bc-space-4-5);margin:0 0 var(--bc-space-2)}
.baton-console .worklist-counts div{display:flex;gap:var(--bc-space-1)}
.baton-console .worklist-counts dt{color:var(--bc-muted)}
.baton-console .worklist-counts dd{margin:0;font-weight:700}
`;
