import type { Db } from '../client';

// The customers list filtered by a health band. A band holding a large share of the customers is best walked in the
// page's order, probing each row's band: a page of 50 reads about 50 ÷ share rows (a fifth of the customers: 250).
// A small band would make that walk long (a band of 100 among 1M customers: the whole table for one page), so up to
// SMALL_BAND customers the band's own index is read and its rows sorted instead. Either way a page reads at most about
// max(SMALL_BAND, limit × customers ÷ SMALL_BAND) rows: a few tens of thousands at 1M customers.

/** The largest band read whole and sorted per page. */
export const SMALL_BAND = 20_000;

/** Whether a band filter should drive the page (the band is small): its index counted up to `smallBand` + 1 entries. */
export async function bandDrives(db: Db, filter: { healthBand?: string }, smallBand = SMALL_BAND): Promise<boolean> {
  if (!filter.healthBand) return false;
  const seen = (await db
    .prepare('select count(*) from (select 1 from customer_health where band = ? limit ?) AS sub1')
    .pluck()
    .get(filter.healthBand, smallBand + 1)) as number;
  return seen <= smallBand;
}
