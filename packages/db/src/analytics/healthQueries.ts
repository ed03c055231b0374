// The health figures of the Analytics area, read from the health rollups (filled in by the health work).
export {};
