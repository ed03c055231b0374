import { z } from 'zod';

/** `:id` in a path. */
export const IdParams = z.object({ id: z.string().min(1).max(200) });

/** `:token` of tracking links. */
export const TokenParams = z.object({ token: z.string().min(1).max(4096) });
