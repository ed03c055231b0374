import type { Discount } from '../api/offers';

/** A discount as people read it: "20% off" or "€10.00 off"; "No discount" without one. */
export function discountText(discount: Discount | null): string {
  if (discount === null) return 'No discount';
  switch (discount.kind) {
    case 'percent':
      return `${new Intl.NumberFormat(undefined, { maximumFractionDigits: 2 }).format(discount.value)}% off`;
    case 'amount':
      return `${new Intl.NumberFormat(undefined, { style: 'currency', currency: discount.currency }).format(discount.value)} off`;
    default: {
      const unknown: never = discount;
      throw new Error(`unknown discount ${JSON.stringify(unknown)}`);
    }
  }
}
