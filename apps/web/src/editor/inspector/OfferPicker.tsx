import { EnumField } from './EnumField';
import { useChoices } from './inspectorContext';

/** Choose an offer; the list says how many codes each has left. */
export function OfferPicker({ id, label, value, onChange }: { id: string; label: string; value: unknown; onChange: (value: unknown) => void }) {
  const { offers } = useChoices();
  const options = offers.map((offer) => ({ value: offer.id, label: offer.codesLeft === null ? offer.name : `${offer.name} (${offer.codesLeft} codes left)` }));
  return <EnumField id={id} label={label} value={value} options={options} onChange={onChange} optional />;
}
