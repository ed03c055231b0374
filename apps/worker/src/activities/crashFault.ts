import { writeFileSync } from 'node:fs';

/**
 * Test-only fault: when LIFECYCLE_FAULT_CRASH_AFTER_SEND names a file that does not exist yet, create it and
 * kill this process with SIGKILL — a real crash between sending an email and the workflow recording it.
 */
export function crashAfterSendIfAsked(deliveryId: string): void {
  const marker = process.env.LIFECYCLE_FAULT_CRASH_AFTER_SEND;
  if (!marker) return;
  try {
    writeFileSync(marker, deliveryId, { flag: 'wx' });
  } catch {
    return; // the marker exists: the crash already happened once
  }
  process.kill(process.pid, 'SIGKILL');
}
