import { useRef } from 'react';
import type { KeyboardEvent, ReactNode } from 'react';

/** One tab of the inspector: its name is also the region's accessible name. */
export interface InspectorTab {
  id: string;
  label: string;
  content: ReactNode;
}

/** Props of the Trace / Report / Preview tabs. */
export interface InspectorTabsProps {
  tabs: InspectorTab[];
  selected: string;
  onSelect(id: string): void;
}

/** Tabs whose panels are named regions (Trace, Report, Preview), following the ARIA tabs pattern. */
export function InspectorTabs({ tabs, selected, onSelect }: InspectorTabsProps) {
  const buttons = useRef(new Map<string, HTMLButtonElement>());
  const onKey = (event: KeyboardEvent) => {
    const at = tabs.findIndex((t) => t.id === selected);
    const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
    if (step === 0) return;
    event.preventDefault();
    const next = tabs[(at + step + tabs.length) % tabs.length]!;
    onSelect(next.id);
    buttons.current.get(next.id)?.focus();
  };
  return (
    <div className="inspector">
      <div role="tablist" aria-label="Run details" className="inspector-tabs" onKeyDown={onKey}>
        {tabs.map((tab) => (
          <button
            key={tab.id}
            ref={(el) => {
              if (el) buttons.current.set(tab.id, el);
            }}
            type="button"
            role="tab"
            id={`tab-${tab.id}`}
            aria-selected={tab.id === selected}
            aria-controls={`panel-${tab.id}`}
            tabIndex={tab.id === selected ? 0 : -1}
            onClick={() => onSelect(tab.id)}
          >
            {tab.label}
          </button>
        ))}
      </div>
      {tabs.map((tab) => (
        <section
          key={tab.id}
          id={`panel-${tab.id}`}
          role="region"
          aria-label={tab.label}
          className="inspector-panel"
          data-region
          hidden={tab.id !== selected}
          tabIndex={-1}
        >
          {tab.id === selected && tab.content}
        </section>
      ))}
    </div>
  );
}
