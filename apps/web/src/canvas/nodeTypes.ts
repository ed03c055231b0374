import type { NodeTypes } from '@xyflow/react';
import type { NodeType } from '@lifecycle/journey';
import { JourneyNodeCard } from './JourneyNodeCard';

/** One entry per journey node type, at module scope so React Flow never sees a new object and re-mounts nodes. */
export const nodeTypes = {
  trigger: JourneyNodeCard,
  send_email: JourneyNodeCard,
  wait: JourneyNodeCard,
  wait_for_event: JourneyNodeCard,
  condition_split: JourneyNodeCard,
  random_split: JourneyNodeCard,
  offer: JourneyNodeCard,
  update_customer: JourneyNodeCard,
  webhook: JourneyNodeCard,
  notify_team: JourneyNodeCard,
  exit: JourneyNodeCard,
} satisfies Record<NodeType, NodeTypes[string]>;
