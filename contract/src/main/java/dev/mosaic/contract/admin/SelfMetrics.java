package dev.mosaic.contract.admin;

import dev.mosaic.contract.config.KafkaKeys;
import dev.mosaic.contract.config.MosaicConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.core.instrument.config.NamingConvention;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.micrometer.statsd.StatsdConfig;
import io.micrometer.statsd.StatsdFlavor;
import io.micrometer.statsd.StatsdMeterRegistry;
import io.micrometer.statsd.StatsdProtocol;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * The meter registry of one mosaic process: every service's meters and the JVM's, scraped as
 * Prometheus text and, when {@code admin.statsd.enabled}, also sent as StatsD into a collector.
 *
 * <pre>
 *   services, JVM, Kafka clients → registry ─┬→ Prometheus text (/metrics)
 *                                            └→ StatsD mosaic.&lt;service&gt;.&lt;metric&gt; → collector
 * </pre>
 */
public final class SelfMetrics implements AutoCloseable {
  private final CompositeMeterRegistry registry = new CompositeMeterRegistry();
  private final PrometheusMeterRegistry prometheus =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final StatsdMeterRegistry statsd;
  private final JvmGcMetrics gc = new JvmGcMetrics();

  private SelfMetrics(StatsdMeterRegistry statsd, String topicPrefix) {
    this.statsd = statsd;
    // before any meter is bound: a filter applies only to meters registered after it
    registry.config().meterFilter(new DeprecatedTopicTagFilter(topicPrefix));
    registry.add(prometheus);
    if (statsd != null) {
      registry.add(statsd);
    }
    new JvmMemoryMetrics().bindTo(registry);
    gc.bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ClassLoaderMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
  }

  /**
   * @param process what this process is, for StatsD names of meters that are not a service's own
   *     (JVM, Kafka clients): a service section such as {@code collector}, or {@code stack} for
   *     {@code mosaic up}
   */
  public static SelfMetrics create(String process, MosaicConfig config) {
    String topicPrefix = config.getOrDefault(KafkaKeys.TOPIC_PREFIX);
    if (!config.getOrDefault(AdminKeys.STATSD_ENABLED)) {
      return new SelfMetrics(null, topicPrefix);
    }
    return new SelfMetrics(
        statsd(
            process,
            config.getOrDefault(AdminKeys.STATSD_HOST),
            config.getOrDefault(AdminKeys.STATSD_PORT),
            config.getOrDefault(AdminKeys.STATSD_STEP),
            null),
        topicPrefix);
  }

  /** As {@link #create} with StatsD on, but every StatsD line goes to {@code lines}: for tests. */
  static SelfMetrics withStatsdLines(String process, Consumer<String> lines) {
    return new SelfMetrics(
        statsd(process, "127.0.0.1", 0, Duration.ofSeconds(1), lines),
        KafkaKeys.TOPIC_PREFIX.defaultText());
  }

  private static StatsdMeterRegistry statsd(
      String process, String host, int port, Duration step, Consumer<String> lines) {
    StatsdConfig config =
        new StatsdConfig() {
          @Override
          public String get(String key) {
            return null;
          }

          @Override
          public StatsdFlavor flavor() {
            return StatsdFlavor.ETSY;
          }

          @Override
          public String host() {
            return host;
          }

          @Override
          public int port() {
            return port;
          }

          @Override
          public StatsdProtocol protocol() {
            return StatsdProtocol.UDP;
          }

          @Override
          public Duration pollingFrequency() {
            return step;
          }
        };
    StatsdMeterRegistry.Builder builder =
        StatsdMeterRegistry.builder(config).nameMapper(new GraphiteNameMapper(process));
    if (lines != null) {
      builder.lineSink(lines::accept);
    }
    StatsdMeterRegistry registry = builder.build();
    // Names are mosaic's own dotted names, as written in the code: no camelCase or snake_case.
    registry.config().namingConvention(NamingConvention.identity);
    return registry;
  }

  /** Where services register their meters. */
  public MeterRegistry registry() {
    return registry;
  }

  /** Every meter as Prometheus text exposition format 0.0.4. */
  public String scrape() {
    return prometheus.scrape();
  }

  /** Sends what StatsD still holds, then stops it; safe to call twice. */
  @Override
  public void close() {
    gc.close();
    if (statsd != null) {
      statsd.close();
    }
    registry.close();
  }
}
