// The surveys figures of the Analytics area, read from the surveys rollups (filled in by the surveys work).
export {};
