import { useLifecycleConfig } from '../../api/lifecycle';
import { EnumField } from './EnumField';

/** A lifecycle stage chosen from the configured stages. */
export function StagePicker(props: { id: string; label: string; value: unknown; onChange: (value: string | undefined) => void; optional?: boolean }) {
  const stages = useLifecycleConfig().data?.stages ?? [];
  const options = stages.map((stage) => ({ value: stage, label: stage }));
  if (typeof props.value === 'string' && props.value !== '' && !stages.includes(props.value)) options.push({ value: props.value, label: `${props.value} (not configured)` });
  return <EnumField {...props} options={options} />;
}
