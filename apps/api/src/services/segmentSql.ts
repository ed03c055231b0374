/** The segment SQL compiler lives in packages/db (SQL only there); re-exported for the API's segment services. */
export { segmentCondition, type SqlCondition } from '@lifecycle/db';
