import { useRef } from 'preact/hooks';

export interface TabItem<Id extends string> {
  id: Id;
  label: string;
}

/** The DOM id of a tab's button and of its panel, for `aria-controls` / `aria-labelledby`. */
export const tabId = (id: string) => `tab-${id}`;
export const panelId = (id: string) => `panel-${id}`;

/**
 * A WAI-ARIA tab list: one tab in the Tab order (roving tabindex), arrows/Home/End move and
 * select. The caller renders the panel with `role="tabpanel"` and {@link panelId}.
 *
 * @example <Tabs label="Console" tabs={[{ id: 'sale', label: 'Sale' }]} selected="sale" onSelect={…} />
 */
export function Tabs<Id extends string>(props: {
  label: string;
  tabs: TabItem<Id>[];
  selected: Id;
  onSelect: (id: Id) => void;
}) {
  const list = useRef<HTMLDivElement>(null);
  const move = (event: KeyboardEvent, index: number) => {
    const n = props.tabs.length;
    const next: Record<string, number> = {
      ArrowRight: (index + 1) % n,
      ArrowLeft: (index - 1 + n) % n,
      Home: 0,
      End: n - 1,
    };
    const to = next[event.key];
    const tab = to === undefined ? undefined : props.tabs[to];
    if (!tab) return;
    event.preventDefault();
    props.onSelect(tab.id);
    list.current?.querySelector<HTMLElement>(`#${tabId(tab.id)}`)?.focus();
  };
  return (
    <div class="tabs" role="tablist" aria-label={props.label} ref={list}>
      {props.tabs.map((tab, index) => {
        const selected = tab.id === props.selected;
        return (
          <button
            key={tab.id}
            type="button"
            role="tab"
            id={tabId(tab.id)}
            aria-selected={selected}
            aria-controls={panelId(tab.id)}
            tabIndex={selected ? 0 : -1}
            onClick={() => props.onSelect(tab.id)}
            onKeyDown={(e) => move(e, index)}
          >
            {tab.label}
          </button>
        );
      })}
    </div>
  );
}
