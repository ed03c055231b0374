import { DEVICES, type Device } from './devices';

/** Desktop or mobile width for the preview: two toggle buttons, the pressed one is shown. */
export function DeviceSwitch({ device, onChange }: { device: Device; onChange: (device: Device) => void }) {
  return (
    <div className="device-switch" role="group" aria-label="Preview width">
      {(Object.keys(DEVICES) as Device[]).map((key) => (
        <button key={key} type="button" className="button button-small" aria-pressed={device === key} onClick={() => onChange(key)}>
          {DEVICES[key].label} <span className="muted">{DEVICES[key].width} px</span>
        </button>
      ))}
    </div>
  );
}
