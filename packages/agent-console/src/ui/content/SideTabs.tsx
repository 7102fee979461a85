import type { ComponentChildren } from 'preact';
import { useRef, useState } from 'preact/hooks';

export interface Tab {
  id: string;
  label: string;
  render: () => ComponentChildren;
}

/** WAI-ARIA tabs: ←/→ (mirrored in RTL by the browser's order), Home/End; one panel shown. */
export function Tabs({ label, tabs, idPrefix }: { label: string; tabs: Tab[]; idPrefix: string }) {
  const [selected, setSelected] = useState(tabs[0]?.id ?? '');
  const refs = useRef<Record<string, HTMLButtonElement | null>>({});
  const choose = (index: number) => {
    const tab = tabs[(index + tabs.length) % tabs.length];
    if (!tab) return;
    setSelected(tab.id);
    refs.current[tab.id]?.focus();
  };
  const current = tabs.find((tab) => tab.id === selected) ?? tabs[0];
  return (
    <div class="tabs">
      <div role="tablist" aria-label={label}>
        {tabs.map((tab, i) => (
          <button
            key={tab.id}
            type="button"
            role="tab"
            id={`${idPrefix}-tab-${tab.id}`}
            aria-selected={tab.id === current?.id}
            aria-controls={`${idPrefix}-panel-${tab.id}`}
            tabIndex={tab.id === current?.id ? 0 : -1}
            ref={(el) => {
              refs.current[tab.id] = el;
            }}
            onClick={() => setSelected(tab.id)}
            onKeyDown={(event) => {
              const rtl = getComputedStyle(event.currentTarget).direction === 'rtl';
              const next = { ArrowRight: rtl ? -1 : 1, ArrowLeft: rtl ? 1 : -1 }[event.key];
              if (next !== undefined) choose(i + next);
              else if (event.key === 'Home') choose(0);
              else if (event.key === 'End') choose(tabs.length - 1);
              else return;
              event.preventDefault();
            }}
          >
            {tab.label}
          </button>
        ))}
      </div>
      {current ? (
        <div
          role="tabpanel"
          id={`${idPrefix}-panel-${current.id}`}
          aria-labelledby={`${idPrefix}-tab-${current.id}`}
          class="tab-panel"
        >
          {current.render()}
        </div>
      ) : null}
    </div>
  );
}
