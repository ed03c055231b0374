// The experiments figures of the Analytics area, read from the experiments rollups (filled in by the experiments work).
export {};
