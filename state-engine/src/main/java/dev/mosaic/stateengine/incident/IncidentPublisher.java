package dev.mosaic.stateengine.incident;

import dev.mosaic.contract.Incident;
import dev.mosaic.contract.IncidentEvent;
import dev.mosaic.contract.IncidentEventSerde;
import dev.mosaic.contract.IncidentSerde;
import dev.mosaic.contract.KafkaSettings;
import io.micrometer.core.instrument.Counter;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Publishes each incident event to the incidents topic and the incident it leaves to the compacted
 * incident-state topic, both keyed by incident id so one incident's records stay in order.
 *
 * <pre>
 * CheckEngine → IncidentPublisher → incidents, incident-state topics → notifier
 * </pre>
 *
 * <p>Thread-safe (the consuming thread and HTTP threads publish); {@link #close()} flushes and may
 * be called more than once.
 */
public final class IncidentPublisher implements AutoCloseable {
  private final KafkaProducer<String, byte[]> producer;
  private final String eventsTopic;
  private final String stateTopic;
  private final Counter published;
  private final Counter failed;

  public IncidentPublisher(KafkaSettings kafka, Counter published, Counter failed) {
    Map<String, Object> props = kafka.clientProperties("mosaic-state-engine");
    props.put("acks", "all");
    props.put("enable.idempotence", true);
    this.producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
    this.eventsTopic = kafka.topics().incidents();
    this.stateTopic = kafka.topics().incidentState();
    this.published = published;
    this.failed = failed;
  }

  public void publish(List<IncidentEvent> events) {
    for (IncidentEvent event : events) {
      Incident incident = event.incident();
      send(new ProducerRecord<>(eventsTopic, incident.id(), IncidentEventSerde.encode(event)));
      send(new ProducerRecord<>(stateTopic, incident.id(), IncidentSerde.encode(incident)));
      published.increment();
    }
  }

  private void send(ProducerRecord<String, byte[]> record) {
    producer.send(
        record,
        (metadata, e) -> {
          if (e != null) {
            failed.increment();
          }
        });
  }

  @Override
  public void close() {
    producer.close(); // flushes what is buffered; a second close does nothing
  }
}
