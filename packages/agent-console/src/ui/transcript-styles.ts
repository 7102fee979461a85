/** Styles of rendered markdown, the compose preview and the escalation context. */
export const TRANSCRIPT_CSS = `
.baton-console .rich-text{white-space:normal}
.baton-console .rich-text p,.baton-console .rich-text ul,.baton-console .rich-text ol,.baton-console .rich-text blockquote,.baton-console .rich-text pre{margin:0 0 var(--bc-space-1)}
.baton-console .rich-text ul,.baton-console .rich-text ol{padding-inline-start:var(--bc-space-5)}
.baton-console .rich-text blockquote{padding-inline-start:var(--bc-space-2);border-inline-start:3px solid var(--bc-border)}
.baton-console .rich-text pre{white-space:pre-wrap;background:var(--bc-surface);padding:var(--bc-space-1-5);border-radius:var(--bc-radius-sm)}
.baton-console .rich-text img{max-width:100%;height:auto}
.baton-console .compose-preview{min-height:3em;padding:var(--bc-space-1-5) var(--bc-space-2);border:1px dashed var(--bc-border);border-radius:var(--bc-radius-sm);background:var(--bc-bg)}
.baton-console .compose-format button[aria-pressed=true]{background:var(--bc-primary);color:var(--bc-on-primary)}
.baton-console .compose-format{display:flex;gap:var(--bc-space-2);align-items:center;flex-wrap:wrap;font-size:var(--bc-text-sm);color:var(--bc-muted)}
.baton-console .patient-context .red-flag dd,.baton-console .patient-context .guidance dd{color:var(--bc-danger);font-weight:600}
`;
