package dev.mosaic.notifier.state;

import dev.mosaic.notifier.escalation.EscalationTimers;
import dev.mosaic.notifier.escalation.PendingEscalation;
import dev.mosaic.notifier.group.NotificationGroup;
import dev.mosaic.notifier.group.NotificationGroups;
import dev.mosaic.notifier.http.DeliveryLog;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Writes every change of the pending state to the notifier-state topic: a value for a change, a
 * tombstone for an end. Writes are sent at once and {@link #flush()} waits for all of them, which
 * the notifier does before it commits an incidents offset, so that nothing it committed is only in
 * memory. Thread-safe (the HTTP thread never writes; the delivery log's lock orders its writes).
 *
 * <pre>
 * EscalationTimers, NotificationGroups, DeliveryLog → StateJournal → KafkaProducer → notifier-state
 * </pre>
 */
public final class StateJournal implements AutoCloseable {
  private final KafkaProducer<String, byte[]> producer;
  private final String topic;
  private final String consumerGroup;
  private final AtomicReference<Exception> failure = new AtomicReference<>();

  public StateJournal(Map<String, Object> clientProperties, String topic, String consumerGroup) {
    Map<String, Object> props = new HashMap<>(clientProperties);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    this.producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
    this.topic = topic;
    this.consumerGroup = consumerGroup;
  }

  /** Journals escalation timers under their incident id. */
  public EscalationTimers.Listener escalationListener() {
    return new EscalationTimers.Listener() {
      @Override
      public void saved(PendingEscalation pending) {
        send(StateCodec.ESCALATION, pending.incidentId(), StateCodec.encode(pending));
      }

      @Override
      public void removed(String incidentId) {
        send(StateCodec.ESCALATION, incidentId, null);
      }
    };
  }

  /** Journals groups under their key. */
  public NotificationGroups.Listener groupListener() {
    return new NotificationGroups.Listener() {
      @Override
      public void saved(NotificationGroup group) {
        send(StateCodec.GROUP, group.key(), StateCodec.encode(group));
      }

      @Override
      public void removed(String key) {
        send(StateCodec.GROUP, key, null);
      }
    };
  }

  /** Journals the delivery log, one record per incident with all its entries. */
  public DeliveryLog.Listener deliveryListener() {
    return (incidentId, entries) ->
        send(
            StateCodec.DELIVERIES,
            incidentId,
            entries.isEmpty() ? null : StateCodec.encode(entries));
  }

  /**
   * Waits until every write so far is acknowledged.
   *
   * @throws IllegalStateException if a write failed: the caller must not commit past it
   */
  public void flush() {
    producer.flush();
    Exception failed = failure.getAndSet(null);
    if (failed != null) {
      throw new IllegalStateException("could not write the notifier state to " + topic, failed);
    }
  }

  private void send(String kind, String id, byte[] value) {
    producer.send(
        new ProducerRecord<>(topic, StateCodec.key(consumerGroup, kind, id), value),
        (metadata, e) -> {
          if (e != null) {
            failure.compareAndSet(null, e);
          }
        });
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(5));
  }
}
