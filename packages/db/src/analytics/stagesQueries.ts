// The stages figures of the Analytics area, read from the stages rollups (filled in by the stages work).
export {};
