import { useId, useRef, useState } from 'react';
import { useVariableCatalogue, type CatalogueVariable } from '../api/templates';
import { variableGroups } from './variableGroups';
import './templates.css';

/** Most variables listed at once: a search narrows the rest. */
const SHOWN = 150;

/**
 * "Insert variable": a searchable list of the variables the stored data has (traits, event properties per event,
 * offers), read from recent data; choosing one hands its Liquid to `onInsert` (the editor puts it at the cursor).
 */
export function VariablePicker({ into, onInsert }: { into: string; onInsert: (liquid: string) => void }) {
  const [open, setOpen] = useState(false);
  const [search, setSearch] = useState('');
  const catalogue = useVariableCatalogue();
  const panelId = useId();
  const toggle = useRef<HTMLButtonElement>(null);
  const close = () => {
    setOpen(false);
    toggle.current?.focus();
  };
  const choose = (variable: CatalogueVariable) => {
    setOpen(false);
    onInsert(variable.liquid);
  };
  const groups = variableGroups(catalogue.data?.variables ?? [], search, SHOWN);
  const shown = groups.reduce((sum, group) => sum + group.variables.length, 0);
  return (
    <div className="variable-picker">
      <button ref={toggle} type="button" className="button button-small" aria-expanded={open} aria-controls={panelId} onClick={() => setOpen(!open)}>
        Insert variable
      </button>
      <span className="hint"> at the cursor in {into}</span>
      {open && (
        <div id={panelId} className="variable-panel" role="region" aria-label="Variables" onKeyDown={(event) => event.key === 'Escape' && close()}>
          <input type="search" aria-label="Search variables" placeholder="Search traits, events, offers" value={search} autoFocus onChange={(event) => setSearch(event.target.value)} />
          {catalogue.data && (
            <p className="hint variable-sample">
              From recent data: the traits of the newest {catalogue.data.sample.customers.toLocaleString('en')} customers and the properties of the newest{' '}
              {catalogue.data.sample.events.toLocaleString('en')} events.
            </p>
          )}
          {catalogue.isPending && <p className="hint">Looking at recent data…</p>}
          {catalogue.error && <p className="field-error">Could not list the variables: {catalogue.error.message}</p>}
          {catalogue.data && shown === 0 && <p className="hint">No variable matches “{search}”.</p>}
          {groups.map((group) => (
            <section key={group.key} aria-label={group.title}>
              <h3>{group.title}</h3>
              <ul>
                {group.variables.map((variable) => (
                  <li key={variable.liquid}>
                    <button type="button" className="variable-option" title={variable.description} onClick={() => choose(variable)}>
                      <span className="variable-label">{variable.label}</span>
                      <code>{variable.liquid}</code>
                      {variable.example !== null && <span className="variable-example">e.g. {variable.example}</span>}
                    </button>
                  </li>
                ))}
              </ul>
            </section>
          ))}
          {groups.some((group) => group.truncated) && <p className="hint">More match: search to narrow the list.</p>}
        </div>
      )}
    </div>
  );
}
