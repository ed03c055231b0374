import { useCallback, useState } from 'react';
import { z } from 'zod';

/** Which side panels of the editor a person has folded away to give the canvas room. */
export const PanelPrefs = z.object({ paletteCollapsed: z.boolean(), sideCollapsed: z.boolean() });
export type PanelPrefs = z.infer<typeof PanelPrefs>;

const open: PanelPrefs = { paletteCollapsed: false, sideCollapsed: false };
const storageKey = (userId: string) => `lifecycle.editor-panels.${userId}`;

function read(userId: string): PanelPrefs {
  try {
    const parsed = PanelPrefs.safeParse(JSON.parse(window.localStorage.getItem(storageKey(userId)) ?? 'null'));
    return parsed.success ? parsed.data : open;
  } catch {
    return open;
  }
}

/** The panels' folded state, remembered per user in this browser (each person keeps the room they chose). */
export function usePanelPrefs(userId: string) {
  const [prefs, setPrefs] = useState(() => read(userId));
  const toggle = useCallback(
    (panel: keyof PanelPrefs) =>
      setPrefs((old) => {
        const next = { ...old, [panel]: !old[panel] };
        try {
          window.localStorage.setItem(storageKey(userId), JSON.stringify(next));
        } catch {
          // Storage full or blocked: the choice lasts for this page only.
        }
        return next;
      }),
    [userId],
  );
  return { prefs, toggle };
}
