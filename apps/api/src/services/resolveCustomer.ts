import { findCustomer, type Customer, type Db } from '@lifecycle/db';
import { HttpError } from '../errors';

/**
 * The customer an id stands for: the customer with that id, or the one it was merged into (after an
 * alias or an anonymous visitor identifying), read from the alias table ingest writes and follows; 404 when neither.
 */
export async function resolveCustomer(db: Db, id: string): Promise<Customer> {
  const customer = await findCustomer(db, id);
  if (!customer) throw new HttpError(404, 'not_found', `no customer ${id}`);
  return customer;
}
