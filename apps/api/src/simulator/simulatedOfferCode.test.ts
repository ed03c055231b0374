import { createOffer, prefixedCode, type Db } from '@lifecycle/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { simulationActivities } from './simulationActivities';
import { SimulatedWorld } from './simulatedWorld';
import { openTestDatabase } from '@lifecycle/db/testing';

let db: Db;

beforeAll(() => {
  db = openTestDatabase(':memory:');
});
afterAll(async () => {
  await db.close();
});

/** The code a simulated offer step grants for an offer with this prefix, through the simulation's activities. */
async function simulatedGrant(codePrefix: string | null): Promise<string> {
  const offer = await createOffer(db, { name: `Offer ${codePrefix ?? 'none'}`, codeSource: 'generated', codePrefix });
  const world = new SimulatedWorld({ id: 'sim-ada', email: 'ada@example.com', traits: {}, lifecycleStage: null, subscription: 'subscribed', suppressed: false });
  const result = await simulationActivities(db, world, false).grantOffer({ workflowId: 'simulated', nodeId: 'grant', offerId: offer.id, customerId: 'sim-ada' });
  if (result.status !== 'granted') throw new Error(`the simulated grant was refused: ${result.reason}`);
  return result.code;
}

describe('a simulated offer step', () => {
  it('uses a prefix ending in a separator as given (issue 16: "WELCOME20-" gave "WELCOME20--SIMULATED")', async () => {
    expect(await simulatedGrant('WELCOME20-')).toBe('WELCOME20-SIMULATED');
  });

  it('joins a prefix by the same rule as a real grant', async () => {
    expect(await simulatedGrant('WELCOME20')).toBe(prefixedCode('WELCOME20', 'SIMULATED'));
    expect(await simulatedGrant('WELCOME20')).toBe('WELCOME20-SIMULATED');
    expect(await simulatedGrant('SPRING_')).toBe('SPRING_SIMULATED');
    expect(await simulatedGrant('  ')).toBe('SAMPLE-SIMULATED');
    expect(await simulatedGrant(null)).toBe('SAMPLE-SIMULATED');
  });
});
