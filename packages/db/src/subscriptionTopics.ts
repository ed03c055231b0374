// Subscription topics (issue 14): their tables, their queries and the gate a send passes.
export * from './topicSchema';
export * from './queries/topics';
export * from './queries/topicSubscriptions';
export * from './queries/topicSendGate';
