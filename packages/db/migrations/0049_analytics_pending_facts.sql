-- What the analytics applier needs beyond the event row (issue 11, with 0048):
-- `customer`: the customer as the event found them (traits, stage, email, subscription), kept only for events some
-- journey counts as its goal: a goal condition ("purchase while in trial") is judged by the customer at the event, not
-- as they are when the applier counts it (a stage rule may have moved them on in the same batch).
ALTER TABLE `analytics_pending` ADD `customer` text;
--> statement-breakpoint
-- Events the rollup hooks failed on alone (a poison event): taken off the queue so the rest are counted, kept here
-- with the error for an admin to see (/metrics lifecycle_analytics_set_aside_events).
CREATE TABLE IF NOT EXISTS `analytics_set_aside` (
  `event_id` text PRIMARY KEY NOT NULL,
  `error` text NOT NULL,
  `set_aside_at` text NOT NULL
);
