package dev.mosaic.contract.admin;

import dev.mosaic.contract.service.Probe;
import dev.mosaic.contract.service.ServiceContext;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;

/**
 * One Kafka client's own metrics bound into the service's meter registry (lag per partition,
 * request rates, errors), and, for a consumer, the readiness they imply.
 *
 * <p>Readiness reads only the client's metrics map, which Kafka clients allow from any thread, so
 * the probe never touches the consumer the service's own thread polls.
 */
public final class KafkaClientWatch implements AutoCloseable {
  // One daemon thread for every client's metric refresh, instead of one thread per client.
  private static final ScheduledExecutorService REFRESH =
      Executors.newSingleThreadScheduledExecutor(
          runnable -> {
            Thread thread = new Thread(runnable, "mosaic-kafka-metrics");
            thread.setDaemon(true);
            return thread;
          });

  // How soon meters of newly assigned partitions appear (Micrometer's default is a minute).
  private static final Duration REFRESH_INTERVAL = Duration.ofSeconds(10);

  private final KafkaClientMetrics binder;
  private final Supplier<Map<MetricName, ? extends Metric>> metrics;
  private final long maxLag;

  private KafkaClientWatch(
      KafkaClientMetrics binder, Supplier<Map<MetricName, ? extends Metric>> metrics, long maxLag) {
    this.binder = binder;
    this.metrics = metrics;
    this.maxLag = maxLag;
  }

  /** Binds a consumer's metrics; its readiness bound is {@code admin.ready.max-lag}. */
  public static KafkaClientWatch consumer(ServiceContext context, Consumer<?, ?> consumer) {
    return consumer(
        context.meters(), consumer, context.config().getOrDefault(AdminKeys.READY_MAX_LAG));
  }

  /**
   * Binds a consumer's metrics.
   *
   * @param maxLag the readiness bound, usually {@code admin.ready.max-lag}
   */
  public static KafkaClientWatch consumer(
      MeterRegistry meters, Consumer<?, ?> consumer, long maxLag) {
    KafkaClientMetrics binder =
        new KafkaClientMetrics(consumer, List.of(), REFRESH, REFRESH_INTERVAL);
    binder.bindTo(meters);
    return new KafkaClientWatch(binder, consumer::metrics, maxLag);
  }

  /** Binds a producer's metrics; its {@link #readiness()} is always up. */
  public static KafkaClientWatch producer(MeterRegistry meters, Producer<?, ?> producer) {
    KafkaClientMetrics binder =
        new KafkaClientMetrics(producer, List.of(), REFRESH, REFRESH_INTERVAL);
    binder.bindTo(meters);
    return new KafkaClientWatch(binder, null, Long.MAX_VALUE);
  }

  /**
   * For a consumer: up once it has joined its group (a rebalance completed) and every assigned
   * partition it has fetched is at most {@code admin.ready.max-lag} records behind.
   */
  public Probe readiness() {
    if (metrics == null) {
      return Probe.up("producer");
    }
    return ConsumerLag.of(metrics.get()).readiness(maxLag);
  }

  /** Removes the client's meters; call when the client closes. Idempotent. */
  @Override
  public void close() {
    binder.close();
  }
}
