/** Field labels are shared with the validation messages (`@lifecycle/journey`), so both name a field the same way. */
export { fieldLabel } from '@lifecycle/journey';
