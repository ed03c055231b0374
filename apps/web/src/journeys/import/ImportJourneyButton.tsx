import { useState } from 'react';
import { href } from '../../router/href';
import { navigate } from '../../router/useRoute';
import { ImportJourneyDialog } from './ImportJourneyDialog';

/** "Import" on the journeys list: opens the import dialog; an imported journey opens in the editor. */
export function ImportJourneyButton() {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className="button" onClick={() => setOpen(true)}>
        Import
      </button>
      {open && (
        <ImportJourneyDialog
          onCancel={() => setOpen(false)}
          onImported={(result) => {
            setOpen(false);
            navigate(href.journey(result.journeyId));
          }}
        />
      )}
    </>
  );
}
