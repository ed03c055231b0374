-- The channel filter reads "the customers of a channel" (customerFilter's IN subquery): covered by this index, so it
-- never visits the table.
CREATE INDEX IF NOT EXISTS `customer_facts_channel_customer` ON `customer_facts` (`channel`,`customer_id`);
