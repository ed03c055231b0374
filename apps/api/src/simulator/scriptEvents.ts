import type { RunEvent } from '@lifecycle/workflows/messages';
import { scriptTimeMs, type ScriptLine } from './simulationRequest';

/** A scripted moment: the events the run receives then, `atMs` after entry. */
export interface ScriptedMoment {
  atMs: number;
  line: number;
  events: (virtualNowIso: string) => RunEvent[];
}

/**
 * The script as the signals a real run would get, in time order (ties keep the script's order). An open or click
 * is shaped as the tracking endpoint stores it (workflowId and nodeId of the run's own send, which is what
 * wait-for-event matches: workflows/src/steps/awaitedEvent.ts); a click also opens, as a tracked click does.
 */
export function scriptedMoments(script: readonly ScriptLine[], workflowId: string): ScriptedMoment[] {
  const moments = script.map((line, index): ScriptedMoment => {
    const id = `simulated-${index}`;
    const engagement = (name: 'email_opened' | 'email_clicked', nodeId: string, timestamp: string): RunEvent => ({
      id: `${id}-${name}`,
      name,
      properties: { deliveryId: `simulated/${nodeId}`, workflowId, nodeId, ...(name === 'email_clicked' ? { url: 'https://example.com/simulated-click' } : {}) },
      timestamp,
    });
    const events = (timestamp: string): RunEvent[] => {
      if ('opens' in line) return [engagement('email_opened', line.opens, timestamp)];
      if ('clicks' in line) return [engagement('email_opened', line.clicks, timestamp), engagement('email_clicked', line.clicks, timestamp)];
      return [{ id, name: line.event, properties: line.properties ?? {}, timestamp }];
    };
    return { atMs: scriptTimeMs(line.at), line: index, events };
  });
  return moments.sort((a, b) => a.atMs - b.atMs || a.line - b.line);
}
