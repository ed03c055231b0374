// The retention figures of the Analytics area, read from the retention rollups (filled in by the retention work).
export {};
