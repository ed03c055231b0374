import { CATALOGUE_SAMPLE, offerNamesForTemplates, recentEventPropertyKeys, recentTraitKeys, type Db, type SeenKey } from '@lifecycle/db';
import { z } from 'zod';

/** One variable the template editor's picker offers; `liquid` is what it inserts, ready to render. */
export const CatalogueVariable = z.object({
  group: z.enum(['customer', 'trait', 'event', 'property', 'offer', 'link']),
  /** What the picker shows (a trait key, `address.city`, an offer name…): user data, shown as text. */
  label: z.string(),
  liquid: z.string(),
  description: z.string(),
  /** A value seen in recent data, or a sample; null when none. */
  example: z.string().nullable(),
  /** For `property`: the event whose properties these are. */
  eventName: z.string().nullable(),
});
export type CatalogueVariable = z.infer<typeof CatalogueVariable>;

/** GET /api/templates/variables: the variables, and how many recent rows they were read from. */
export const VariableCatalogue = z.object({
  variables: z.array(CatalogueVariable),
  sample: z.object({ customers: z.number().int(), events: z.number().int() }),
});
export type VariableCatalogue = z.infer<typeof VariableCatalogue>;

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
// A key with a control character cannot be typed into a template sensibly: it is left out.
const CONTROL = /[\u0000-\u001f\u007f]/;

/** `.key` for a plain name, `["…"]` (backslash and quote escaped, as liquidjs reads them) for any other. */
function segment(key: string): string {
  return IDENTIFIER.test(key) ? `.${key}` : `["${key.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"]`;
}

/** The output tag for `root` followed by `keys`, e.g. `{{ customer.traits["first name"] }}`. */
export function liquidOutput(root: string, keys: readonly string[]): string {
  return `{{ ${root}${keys.map(segment).join('')} }}`;
}

const usable = (key: SeenKey) => !CONTROL.test(key.key) && !(key.parent !== null && CONTROL.test(key.parent));
const pathOf = (key: SeenKey) => (key.parent === null ? [key.key] : [key.parent, key.key]);
const seenIn = (key: SeenKey, what: string) => `${key.type === 'object' ? 'An object' : 'A value'} seen in ${key.rows} recent ${what}${key.rows === 1 ? '' : 's'}.`;

// What every template sees whatever the data (see the worker's renderContext.ts and TEMPLATE_VARIABLES).
const builtIns: CatalogueVariable[] = [
  { group: 'customer', label: 'id', liquid: '{{ customer.id }}', description: 'The customer’s id.', example: null, eventName: null },
  { group: 'customer', label: 'email', liquid: '{{ customer.email }}', description: 'The customer’s email address.', example: null, eventName: null },
  { group: 'customer', label: 'lifecycle_stage', liquid: '{{ customer.lifecycle_stage }}', description: 'The customer’s lifecycle stage.', example: null, eventName: null },
  { group: 'event', label: 'name', liquid: '{{ event.name }}', description: 'The name of the event that started the run.', example: null, eventName: null },
  { group: 'event', label: 'timestamp', liquid: '{{ event.timestamp | date: "%B %-d" }}', description: 'When that event happened.', example: null, eventName: null },
  { group: 'offer', label: 'code', liquid: '{{ offer.code }}', description: 'The code of the latest offer the run granted.', example: null, eventName: null },
  { group: 'offer', label: 'name', liquid: '{{ offer.name }}', description: 'The name of that offer.', example: null, eventName: null },
  { group: 'offer', label: 'expiresAt', liquid: '{{ offer.expiresAt | date: "%B %-d" }}', description: 'When that code expires (empty when it does not).', example: null, eventName: null },
  { group: 'link', label: 'preferences_url', liquid: '<a href="{{ preferences_url }}">Email preferences</a>', description: 'The page where the customer chooses their topics or unsubscribes from everything (sent emails get a footer link when the template has none).', example: null, eventName: null },
  { group: 'link', label: 'unsubscribe_url', liquid: '<a href="{{ unsubscribe_url }}">Unsubscribe</a>', description: 'The one-click unsubscribe link.', example: null, eventName: null },
];

/**
 * The variables a template can use, found in the data already stored: trait keys of the newest customers, property
 * keys of the newest track events per event name, and the offers by name. Reads a bounded sample (CATALOGUE_SAMPLE),
 * never the whole tables.
 */
export async function variableCatalogue(db: Db): Promise<VariableCatalogue> {
  const cached = recent.get(db);
  if (cached && Date.now() - cached.at < CACHE_MS) return cached.catalogue;
  const catalogue = await readCatalogue(db);
  recent.set(db, { at: Date.now(), catalogue });
  return catalogue;
}

// The sample costs tens of milliseconds; an editor opened by several marketers, or re-opened, reuses it for a minute.
const CACHE_MS = 60_000;
const recent = new WeakMap<Db, { at: number; catalogue: VariableCatalogue }>();

async function readCatalogue(db: Db): Promise<VariableCatalogue> {
  const traits = (await recentTraitKeys(db)).filter(usable).map((key): CatalogueVariable => ({
    group: 'trait', label: pathOf(key).join('.'), liquid: liquidOutput('customer.traits', pathOf(key)), description: seenIn(key, 'customer'), example: key.example, eventName: null,
  }));
  const properties = (await recentEventPropertyKeys(db)).filter(usable).map((key): CatalogueVariable => ({
    group: 'property', label: pathOf(key).join('.'), liquid: liquidOutput('event.properties', pathOf(key)), description: seenIn(key, 'event'), example: key.example, eventName: key.eventName,
  }));
  const offers = (await offerNamesForTemplates(db)).map((name): CatalogueVariable => ({
    group: 'offer', label: `${name}: code`, liquid: liquidOutput('offers', [name, 'code']), description: `The code of “${name}” when the run granted it.`, example: null, eventName: null,
  }));
  return { variables: [...builtIns, ...traits, ...properties, ...offers], sample: { ...CATALOGUE_SAMPLE } };
}
