/** Styles of the analytics and admin views (appended to the console's stylesheet). */
export const INSIGHTS_CSS = `
.baton-console .period{display:flex;flex-wrap:wrap;gap:var(--bc-space-2) var(--bc-space-4);align-items:flex-end;margin-bottom:var(--bc-space-2)}
.baton-console .period-field{min-width:160px;flex:1 1 160px}
.baton-console .analytics .period-field{min-width:auto}
.baton-console .analytics .period-field select{width:auto;min-width:100%}
.baton-console .period-actions{display:flex;gap:var(--bc-space-2)}
.baton-console .report .charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(320px,1fr));gap:var(--bc-space-3);margin:var(--bc-space-3) 0}
.baton-console .report figure{margin:0;padding:var(--bc-space-2);border:1px solid var(--bc-border);border-radius:var(--bc-radius)}
.baton-console .report figcaption{font-weight:600;margin-bottom:var(--bc-space-1)}
.baton-console .chart{width:100%;height:auto;direction:ltr;display:block}
.baton-console .survey-question .chart{max-width:560px}
.baton-console .chart .bar{fill:var(--bc-chart)}
.baton-console .chart .bar.part{fill:var(--bc-primary)}
.baton-console .chart .axis{stroke:var(--bc-border)}
.baton-console .chart text{fill:var(--bc-text);font-size:12px}
.baton-console table.slice caption{text-align:start;font-weight:600;padding:var(--bc-space-1-5) 0}
.baton-console .survey-question h4{margin:var(--bc-space-2) 0 var(--bc-space-0-5)}
.baton-console .table-scroll{overflow-x:auto}
.baton-console .admin-section{border:1px solid var(--bc-border);border-radius:var(--bc-radius);padding:var(--bc-space-2) var(--bc-space-3);margin-bottom:var(--bc-space-3)}
.baton-console .admin-section textarea{min-height:96px}
.baton-console .admin-section details.builtin{margin:var(--bc-space-1) 0 var(--bc-space-2)}
.baton-console .admin-section details.builtin summary{cursor:pointer;color:var(--bc-muted)}
.baton-console .admin-section details.builtin ul{columns:2 14rem;margin:var(--bc-space-1) 0;padding-inline-start:var(--bc-space-6)}
.baton-console .admin-section input:not([type=checkbox]),.baton-console .admin-section select{max-width:28rem}
.baton-console .admin-section input[type=checkbox]{width:24px;min-height:24px}
.baton-console .admin-section button.danger{color:var(--bc-on-danger)}
.baton-console .admin-section label.confirm{display:flex;gap:var(--bc-space-2);align-items:flex-start;font-weight:400}
.baton-console .admin-section form+button,.baton-console .admin-section button{margin-top:var(--bc-space-2)}
.baton-console .admin-section form:not(.inline) input+button{margin-inline-start:var(--bc-space-2)}
.baton-console table.hours td,.baton-console table.hours th{vertical-align:top}
.baton-console .admin-section form.inline{display:flex;gap:var(--bc-space-1-5);align-items:center}
.baton-console .admin-section form.inline input{width:5rem}
.baton-console .admin-section form.inline button{margin-top:0}
.baton-console .admin-section textarea.code{min-height:160px;font-family:ui-monospace,monospace;max-width:none}
.baton-console .slot-list{max-height:24rem;overflow-y:auto}
.baton-console .routing-rules{list-style:none;padding:0;margin:var(--bc-space-2) 0;display:flex;flex-direction:column;gap:var(--bc-space-2)}
.baton-console .routing-rules fieldset{border:1px solid var(--bc-border);border-radius:var(--bc-radius);padding:var(--bc-space-1) var(--bc-space-2-5) var(--bc-space-2)}
.baton-console .routing-json{margin-top:var(--bc-space-3)}
.baton-console .routing-json summary{cursor:pointer;font-weight:600}
.baton-console .staff-form{border:1px solid var(--bc-border);border-radius:8px;padding:4px 12px 8px;margin-top:8px}
.baton-console .staff-form fieldset{border:0;padding:0;margin:8px 0;display:flex;flex-wrap:wrap;gap:4px 16px}
.baton-console .staff-form legend{font-weight:600;padding:0}
.baton-console .staff-new{display:flex;flex-wrap:wrap;gap:8px 16px}
.baton-console .staff-actions{display:flex;flex-wrap:wrap;gap:8px}
.baton-console .staff-table button.link{background:none;border:0;color:var(--bc-primary);text-decoration:underline;padding:0 4px;margin:0 4px;min-height:24px}
.baton-console .admin-section form.inline input.api-key-name{width:16rem}
.baton-console .api-key-secret input{width:100%;max-width:40rem;font-family:ui-monospace,monospace}
.baton-console .admin-contents ul{display:flex;flex-wrap:wrap;gap:4px 16px;list-style:none;padding:0;margin:0 0 12px}
.baton-console .admin-contents a{color:var(--bc-primary)}
.baton-console .period-field.wide{min-width:220px;flex-basis:220px}
.baton-console .admin-section form.inline label{display:flex;gap:8px;align-items:center}
.baton-console .date-spelled{display:block;min-height:1.4em;margin-top:var(--bc-space-0-5);font-size:var(--bc-text-sm);color:var(--bc-muted)}
`;
