// The journeys figures of the Analytics area, read from the journeys rollups (filled in by the journeys work).
export {};
