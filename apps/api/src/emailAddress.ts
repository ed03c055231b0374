import { z } from 'zod';

/**
 * An email address as RFC 5321 limits it: at most 254 characters with at most 64 before the `@`. zod's `email()` checks
 * the shape only, and a longer local part is refused by mail servers (and by the OpenAPI document's `email` format).
 */
export const EmailAddress = z
  .email()
  .max(254)
  .refine((address) => address.lastIndexOf('@') <= 64, { message: 'the part before @ must be at most 64 characters' });
export type EmailAddress = z.infer<typeof EmailAddress>;
