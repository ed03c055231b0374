import { useSegments } from '../../api/segments';
import { EnumField } from './EnumField';

/** A segment chosen by name. */
export function SegmentPicker(props: { id: string; label: string; value: unknown; onChange: (value: string | undefined) => void; optional?: boolean }) {
  const segments = useSegments().data ?? [];
  const options = segments.map((segment) => ({ value: segment.id, label: segment.name }));
  // A segment deleted since keeps showing by its id, so the choice is not silently lost.
  if (typeof props.value === 'string' && props.value !== '' && !options.some((option) => option.value === props.value)) options.push({ value: props.value, label: `${props.value} (not found)` });
  return <EnumField {...props} options={options} />;
}
