import type { Context } from 'hono';
import type { z } from 'zod';
import type { AppEnv } from '../appContext';
import type { Access } from '../auth/roles';

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

type Infer<S> = S extends z.ZodType ? z.infer<S> : Record<string, never>;

/** What a handler gets: params, query and JSON body, already parsed with the route's schemas. */
export type RouteInput<P, Q, B> = { params: Infer<P>; query: Infer<Q>; body: Infer<B> };

/** One API route, declared once: the router, the auth check and the OpenAPI document are all built from it. */
export type RouteSpec<P extends z.ZodType | undefined, Q extends z.ZodType | undefined, B extends z.ZodType | undefined> = {
  method: Method;
  /** Hono path: `/api/journeys/:id`, `/api/runs/:workflowId{.+}`. */
  path: string;
  role: Access;
  summary: string;
  /** OpenAPI tag (the area). */
  tag: string;
  params?: P;
  query?: Q;
  body?: B;
  /** `json` (the default): parsed and checked before the handler; `raw`: the handler reads it (ingest, forms). */
  bodyMode?: 'json' | 'raw';
  /** Largest request body accepted (default 1 MB). */
  maxBodyBytes?: number;
  /**
   * The success answer, for the OpenAPI document. `schema` describes a JSON answer; it is required for JSON
   * routes (openapi.test.ts checks) and, under Vitest, every answer is checked against it (responseCheck.ts).
   */
  ok: { status: 200 | 201 | 204 | 302; type?: 'application/json' | 'text/html' | 'image/gif' | 'text/plain' | 'text/csv'; schema?: z.ZodType };
  handler: (c: Context<AppEnv>, input: RouteInput<P, Q, B>) => Response | Promise<Response>;
};

/** A route with its schema types erased, as the table holds it. */
export type Route = RouteSpec<z.ZodType | undefined, z.ZodType | undefined, z.ZodType | undefined>;

/** Declares a route, inferring the handler's input from its schemas. */
export function route<P extends z.ZodType | undefined = undefined, Q extends z.ZodType | undefined = undefined, B extends z.ZodType | undefined = undefined>(
  spec: RouteSpec<P, Q, B>,
): Route {
  return spec;
}

/** Default body limit of management routes. */
export const MANAGEMENT_BODY_BYTES = 1024 * 1024;
