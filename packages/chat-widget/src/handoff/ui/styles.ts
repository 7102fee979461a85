/** The handoff UI's stylesheet, added to the widget's shadow root with its nonce. */
export const HANDOFF_CSS = `
.msg.agent,.msg.system{align-self:flex-start}
.who{display:flex;align-items:center;gap:6px;font-size:.8rem;font-weight:600}
.avatar{display:inline-grid;place-items:center;width:26px;height:26px;border-radius:50%;background:var(--baton-primary);color:var(--baton-on-primary);font-size:.7rem}
.agent .bubble{background:var(--baton-bg);border:2px solid var(--baton-primary)}
.system .bubble{background:none;border:1px dashed var(--baton-border)}
.plain{white-space:pre-wrap}
.handoff-notice{align-self:center;margin:0;font-size:.85rem;color:var(--baton-muted);text-align:center}
.handoff{display:flex;flex-direction:column;gap:8px;padding:0 12px 8px;max-height:45%;overflow-y:auto}
.handoff:has(.followup){max-height:70%}
.field input,.field textarea,.choices{inline-size:100%}
.followup{display:flex;flex-direction:column;align-items:stretch;gap:8px;padding:10px;border:1px solid var(--baton-border);border-radius:10px;flex:none}
.followup>.action{align-self:flex-end}
.followup h3,.followup p{margin:0;font-size:.95rem}
.field{display:flex;flex-direction:column;gap:4px;font-size:.9rem}
.field input,.field textarea{min-height:44px;padding:8px;border:1px solid var(--baton-border);border-radius:8px;background:var(--baton-bg)}
.choices{display:flex;flex-direction:column;gap:4px;margin:0;padding:0;border:0}
.choices legend,.choices .legend{flex-basis:100%;padding:0;margin-block-end:4px;font-size:.9rem}
.choices.rating{flex-direction:row;flex-wrap:wrap;gap:8px}
.choice{display:flex;align-items:center;gap:8px;min-height:44px;flex:none}
.choice input{width:24px;height:24px;margin:0}
.handoff>.actions .action{padding:8px 10px;font-size:.875rem}
`;
