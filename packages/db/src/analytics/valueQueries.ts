// The value figures of the Analytics area, read from the value rollups (filled in by the value work).
export {};
