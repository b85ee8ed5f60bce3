package dev.mosaic.contract.admin;

import dev.mosaic.contract.service.Probe;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

/**
 * Whether the Kafka cluster answers, asked with one cheap metadata request and remembered for a
 * while, so that a probe every few seconds does not become load on the brokers.
 *
 * <p>Thread-safe; {@link #probe()} blocks for at most {@code timeout} when the answer is stale.
 */
public final class KafkaReachability implements AutoCloseable {
  private final Map<String, Object> clientProperties;
  private final Duration timeout;
  private final Duration cacheFor;
  private final Clock clock;
  private Admin admin;
  private Probe last;
  private Instant lastAt = Instant.MIN;
  private boolean closed;

  /**
   * @param clientProperties properties of the admin client, at least {@code bootstrap.servers}
   * @param timeout how long one check may take before Kafka counts as unreachable
   * @param cacheFor how long an answer is reused
   */
  public KafkaReachability(
      Map<String, Object> clientProperties, Duration timeout, Duration cacheFor, Clock clock) {
    this.clientProperties = Map.copyOf(clientProperties);
    this.timeout = timeout;
    this.cacheFor = cacheFor;
    this.clock = clock;
  }

  public synchronized Probe probe() {
    if (closed) {
      return Probe.down("stopping");
    }
    Instant now = clock.instant();
    if (last != null && now.isBefore(lastAt.plus(cacheFor))) {
      return last;
    }
    last = ask();
    lastAt = now;
    return last;
  }

  private Probe ask() {
    try {
      if (admin == null) {
        admin = Admin.create(clientProperties);
      }
      int nodes =
          admin
              .describeCluster(new DescribeClusterOptions().timeoutMs((int) timeout.toMillis()))
              .nodes()
              .get(timeout.toMillis(), TimeUnit.MILLISECONDS)
              .size();
      return Probe.up(nodes + " broker(s) at " + clientProperties.get("bootstrap.servers"));
    } catch (TimeoutException e) {
      return Probe.down("no answer within " + timeout.toMillis() + " ms");
    } catch (ExecutionException e) {
      return Probe.down(String.valueOf(e.getCause()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Probe.down("interrupted");
    } catch (RuntimeException e) { // e.g. a bootstrap address that does not resolve
      return Probe.down(e.toString());
    }
  }

  @Override
  public synchronized void close() {
    closed = true;
    if (admin != null) {
      admin.close(Duration.ofSeconds(5));
      admin = null;
    }
  }
}
