import { useEffect, useState } from 'react';
import { saveSuppressionSettings, useSuppressionSettings } from '../api/suppressions';

/** How many soft failures in a row (4xx replies, soft bounce notices) suppress an address. */
export function SoftBounceThreshold({ run }: { run: (action: () => Promise<string>) => void }) {
  const settings = useSuppressionSettings();
  const [threshold, setThreshold] = useState('');
  useEffect(() => {
    if (settings.data) setThreshold(String(settings.data.softBounceThreshold));
  }, [settings.data]);
  return (
    <form
      className="form-card inline-form"
      aria-label="Soft failure threshold"
      onSubmit={(event) => {
        event.preventDefault();
        run(async () => `An address is now suppressed after ${(await saveSuppressionSettings(Number(threshold))).softBounceThreshold} soft failures in a row.`);
      }}
    >
      <div className="field">
        <label htmlFor="soft-bounce-threshold">Soft failures in a row before suppressing</label>
        <input id="soft-bounce-threshold" type="number" min={1} max={100} step={1} required value={threshold} aria-describedby="soft-bounce-threshold-hint" onChange={(event) => setThreshold(event.target.value)} />
        <p className="hint" id="soft-bounce-threshold-hint">Temporary refusals (a full mailbox, greylisting) are retried; each delivery that meets one counts once, and a successful delivery starts the count again.</p>
      </div>
      <button type="submit" className="button" disabled={!settings.data}>Save threshold</button>
    </form>
  );
}
