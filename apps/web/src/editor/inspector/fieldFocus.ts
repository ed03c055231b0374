import { useEffect, useState } from 'react';
import { idOfField } from './fieldProblems';

// Choosing a problem in the problems panel selects its step, which mounts that step's inspector: the field to focus
// waits here until the inspector is there to take it.
let pending: { nodeId: string; field: string } | null = null;
const listeners = new Set<() => void>();

/** Asks the inspector of `nodeId` to focus the widget editing `field` (now, or as soon as it opens). */
export function requestFieldFocus(nodeId: string, field: string): void {
  pending = { nodeId, field };
  for (const listener of listeners) listener();
}

/** The widget editing `field`, or failing that the nearest widget inside it or around it. */
function widgetFor(prefix: string, field: string): HTMLElement | null {
  const keys = field.split('.');
  for (let length = keys.length; length > 0; length--) {
    const id = idOfField(prefix, keys.slice(0, length).join('.'));
    const exact = document.getElementById(id);
    if (exact && exact.matches('input, select, textarea, button')) return exact;
    const inside = document.querySelector<HTMLElement>(`[id^="${CSS.escape(`${id}-`)}"]:is(input, select, textarea)`);
    if (inside) return inside;
  }
  return null;
}

/** Focuses the field the problems panel asked for, once this step's inspector shows it. */
export function useFieldFocus(nodeId: string, prefix: string): void {
  const [request, setRequest] = useState(0);
  useEffect(() => {
    const listener = () => setRequest((count) => count + 1);
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
    };
  }, []);
  useEffect(() => {
    if (pending?.nodeId !== nodeId) return;
    const widget = widgetFor(prefix, pending.field);
    pending = null;
    widget?.focus({ preventScroll: true });
    widget?.scrollIntoView({ block: 'center' });
  }, [request, nodeId, prefix]);
}
