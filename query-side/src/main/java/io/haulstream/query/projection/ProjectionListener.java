package io.haulstream.query.projection;

import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.ConsumerSeekAware;
import org.springframework.stereotype.Component;

/**
 * Feeds the projections from the events topic. PostgreSQL, not Kafka's committed offsets, is the
 * record of progress: on every assignment the consumer seeks to the offsets stored with the read
 * model, and to the beginning where none are stored yet.
 */
@Component
class ProjectionListener implements ConsumerSeekAware {

    private static final Logger log = LoggerFactory.getLogger(ProjectionListener.class);

    private final ProjectionBatch batch;
    private final ProjectionStore store;
    private final String group;
    private final ProjectionProperties properties;

    ProjectionListener(
            ProjectionBatch batch,
            ProjectionStore store,
            ProjectionProperties properties,
            @Value("${spring.kafka.consumer.group-id}") String group) {
        this.batch = batch;
        this.store = store;
        this.properties = properties;
        this.group = group;
    }

    // The group is the configured one, the same that keys the offsets in PostgreSQL: with the
    // listener id as group, every deployment on one broker shared a group and waited on the others.
    @KafkaListener(id = "projections", idIsGroup = false, topics = "${haulstream.projection.topic}", batch = "true")
    void onBatch(List<ConsumerRecord<String, byte[]>> records) {
        try {
            batch.apply(group, records);
        } catch (RuntimeException e) {
            // The error handler retries without end and says nothing while it does: say it here.
            log.error("projection of {} records failed; retrying the batch", records.size(), e);
            throw e;
        }
    }

    @Override
    public void onPartitionsAssigned(Map<TopicPartition, Long> assignments, ConsumerSeekCallback callback) {
        Map<TopicPartition, Long> stored = store.nextOffsets(group, properties.topic());
        assignments.keySet().forEach(partition -> {
            Long next = stored.get(partition);
            if (next == null) {
                callback.seekToBeginning(partition.topic(), partition.partition());
            } else {
                callback.seek(partition.topic(), partition.partition(), next);
            }
        });
    }
}
