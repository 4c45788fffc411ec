/**
 * A Kafka Connect sink that sends the records of Kafka topics to the Ours Privacy ingest API as
 * events: {@link com.oursprivacy.kafka.connect.OursSinkConnector} (configuration: {@link
 * com.oursprivacy.kafka.connect.OursSinkConfig}) and its task {@link
 * com.oursprivacy.kafka.connect.OursSinkTask}. See docs/kafka-connect.md.
 */
@NullMarked
package com.oursprivacy.kafka.connect;

import org.jspecify.annotations.NullMarked;
