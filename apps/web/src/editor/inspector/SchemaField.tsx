import { CheckboxField } from './CheckboxField';
import { ConditionBuilder } from './ConditionBuilder';
import { DurationField } from './DurationField';
import { EnumField } from './EnumField';
import { EventNameField } from './EventNameField';
import { fieldLabel } from './fieldLabel';
import type { FieldProps } from './fieldProps';
import { useChoices } from './inspectorContext';
import { ListField } from './ListField';
import { LocalTimeField } from './LocalTimeField';
import { ObjectFields } from './ObjectFields';
import { OfferPicker } from './OfferPicker';
import { SegmentPicker } from './SegmentPicker';
import { StagePicker } from './StagePicker';
import { StringListField } from './StringListField';
import { TemplatePicker } from './TemplatePicker';
import { TextAreaField } from './TextAreaField';
import { TextField } from './TextField';
import { TimeZoneField } from './TimeZoneField';
import { TraitsField } from './TraitsField';
import { UnionField } from './UnionField';
import { WeekdaysField } from './WeekdaysField';
import { defOf, unwrap } from './zodShape';

/**
 * The widget for one schema field: chosen by the field's name where a specialised picker exists
 * (event names, templates, offers, conditions, durations), otherwise by the schema's kind.
 */
export function SchemaField({ name, schema, value, onChange, path }: FieldProps) {
  const { sendNodes } = useChoices();
  const { inner, optional } = unwrap(schema);
  const def = defOf(inner);
  const label = fieldLabel(name);
  const props = { id: path, label, value, onChange };
  if (name === 'id') return <TextField {...props} label="Step id" fixed />;
  if (name === 'event' && def.type === 'string') return <EventNameField {...props} />;
  if (name === 'templateId') return <TemplatePicker {...props} />;
  if (name === 'offerId') return <OfferPicker {...props} />;
  if (name === 'sendNodeId') return <EnumField {...props} options={sendNodes.map((node) => ({ value: node.id, label: node.label }))} optional />;
  if (name === 'segmentId') return <SegmentPicker {...props} optional={optional} />;
  if (name === 'stage' && def.type === 'string') return <StagePicker {...props} />;
  if (name === 'weekdays') return <WeekdaysField {...props} />;
  if (name === 'time' && def.type === 'string') return <LocalTimeField {...props} optional={optional} />;
  if (name === 'zone' && def.type === 'union') return <TimeZoneField {...props} />;
  if (name === 'conditions' || name === 'condition') return <ConditionBuilder {...props} label={name === 'condition' ? 'Condition' : optional ? 'Only when (optional)' : 'Conditions'} onChange={onChange} />;
  if ((name === 'body' || name === 'message') && def.type === 'string') return <TextAreaField {...props} optional={optional} />;
  if (def.type === 'array' && def.element && defOf(def.element).type === 'string') return <StringListField {...props} />;
  if (def.type === 'object' && def.shape && 'amount' in def.shape && 'unit' in def.shape) return <DurationField {...props} />;
  switch (def.type) {
    case 'string':
      return <TextField {...props} optional={optional} />;
    case 'number':
      return <TextField {...props} numeric optional={optional} />;
    case 'boolean':
      return <CheckboxField {...props} optional={optional} />;
    case 'enum':
      return <EnumField {...props} options={Object.values(def.entries ?? {}).map((v) => ({ value: v, label: v }))} optional={optional} />;
    case 'record':
      return <TraitsField {...props} />;
    case 'array':
      return <ListField {...props} schema={inner} />;
    case 'union':
      return def.discriminator ? <UnionField {...props} schema={inner} /> : <TextField {...props} optional={optional} />;
    case 'object':
      return (
        <fieldset className="field">
          <legend>{label}</legend>
          <ObjectFields shape={def.shape ?? {}} value={(value ?? {}) as Record<string, unknown>} path={path} onChange={onChange} />
        </fieldset>
      );
    default:
      return <TextField {...props} optional={optional} />;
  }
}
