package dev.mosaic.stateengine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mosaic.contract.AggregateBatch;
import dev.mosaic.contract.AggregateBatchSerde;
import dev.mosaic.contract.AggregatePoint;
import dev.mosaic.contract.IncidentEvent;
import dev.mosaic.contract.IncidentEventSerde;
import dev.mosaic.contract.KafkaSettings;
import dev.mosaic.contract.config.ConfigKey;
import dev.mosaic.contract.config.ConfigLoader;
import dev.mosaic.contract.config.KafkaKeys;
import dev.mosaic.contract.config.MosaicConfig;
import dev.mosaic.contract.service.ServiceContext;
import dev.mosaic.kafka.embedded.EmbeddedKafkaBroker;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Starts state engines against the embedded broker and plays aggregator and notifier. */
final class StateEngineTestKit {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private StateEngineTestKit() {}

  /** A context of its own topics and consumer group, with {@code partitions} partitions. */
  static ServiceContext context(
      EmbeddedKafkaBroker kafka, Path checksDir, int partitions, String... moreArgs)
      throws Exception {
    List<ConfigKey<?>> keys = new ArrayList<>(KafkaKeys.ALL);
    keys.addAll(StateEngineKeys.ALL);
    List<String> args =
        new ArrayList<>(
            List.of(
                "--kafka.bootstrap-servers=" + kafka.bootstrapServers(),
                "--kafka.topic-prefix=t-" + UUID.randomUUID() + ".",
                "--kafka.partitions=" + partitions,
                "--state-engine.consumer-group=g-" + UUID.randomUUID(),
                "--state-engine.checks-dir=" + checksDir,
                "--state-engine.checks-reload-interval=100ms",
                "--state-engine.http.port=0",
                "--state-engine.api-token=t0ken"));
    args.addAll(List.of(moreArgs));
    MosaicConfig config = new ConfigLoader(keys, Set.of()).load(args, Map.of());
    return new ServiceContext(
        config,
        KafkaSettings.from(config, kafka.bootstrapServers()),
        new SimpleMeterRegistry(),
        Clock.systemUTC());
  }

  /** The same configuration, Kafka and clock, with fresh meters: another engine process. */
  static ServiceContext another(ServiceContext context) {
    return new ServiceContext(
        context.config(), context.kafka(), new SimpleMeterRegistry(), context.clock());
  }

  static StateEngineService start(ServiceContext context) throws Exception {
    StateEngineService engine =
        (StateEngineService) StateEngine.DEFINITION.factory().create(context);
    engine.start();
    return engine;
  }

  static double points(ServiceContext context) {
    return context.meters().counter("mosaic.state-engine.points").count();
  }

  static JsonNode get(StateEngineService engine, String path) throws Exception {
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + engine.httpPort() + path))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    return JSON.readTree(response.body());
  }

  /** The ids of the open incidents the engine shows. */
  static Set<String> openIds(StateEngineService engine) throws Exception {
    Set<String> ids = new java.util.TreeSet<>();
    get(engine, "/incidents?state=open")
        .get("incidents")
        .forEach(i -> ids.add(i.get("id").asText()));
    return ids;
  }

  /** One aggregates record of one point, to {@code partition}, as the aggregator writes. */
  static void produce(KafkaSettings kafka, int partition, AggregatePoint point) throws Exception {
    try (KafkaProducer<byte[], byte[]> producer = producer(kafka)) {
      byte[] batch =
          AggregateBatchSerde.encode(
              new AggregateBatch(point.timestampSeconds() * 1000, 10_000, List.of(point)));
      producer
          .send(new ProducerRecord<>(kafka.topics().aggregates(), partition, null, batch))
          .get();
    }
  }

  static KafkaProducer<byte[], byte[]> producer(KafkaSettings kafka) {
    return new KafkaProducer<>(
        kafka.clientProperties("test-aggregator"),
        new ByteArraySerializer(),
        new ByteArraySerializer());
  }

  /** Reads the incidents topic from its beginning as the notifier does: committed events only. */
  static KafkaConsumer<String, byte[]> incidentsReader(KafkaSettings kafka, int partitions) {
    Map<String, Object> props = kafka.clientProperties("test-notifier");
    props.put("isolation.level", "read_committed");
    KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
    List<TopicPartition> all = new ArrayList<>();
    for (int p = 0; p < partitions; p++) {
      all.add(new TopicPartition(kafka.topics().incidents(), p));
    }
    consumer.assign(all);
    consumer.seekToBeginning(all);
    return consumer;
  }

  static List<IncidentEvent> read(
      KafkaConsumer<String, byte[]> consumer, List<IncidentEvent> into) {
    for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
      IncidentEvent event = IncidentEventSerde.decode(record.value());
      assertThat(record.key()).isEqualTo(event.incident().id());
      into.add(event);
    }
    return into;
  }
}
