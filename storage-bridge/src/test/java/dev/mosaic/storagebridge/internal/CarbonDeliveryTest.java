package dev.mosaic.storagebridge.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mosaic.contract.AggregatePoint;
import dev.mosaic.storagebridge.carbon.CarbonSender;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.ConnectException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CarbonDeliveryTest {
  private static final List<AggregatePoint> BATCH =
      List.of(
          new AggregatePoint("stats.a", 1, 10L),
          new AggregatePoint("stats.b", 2, 10L),
          new AggregatePoint("stats.c", 3, 10L));

  private final StorageBridgeMeters meters =
      StorageBridgeMeters.register(new SimpleMeterRegistry(), "test");
  private final ScriptedSender carbon = new ScriptedSender();
  private final List<Duration> waits = new ArrayList<>();
  private final CarbonDelivery delivery =
      new CarbonDelivery(
          carbon,
          new ExponentialBackoff(Duration.ofMillis(100), Duration.ofMillis(300)),
          Clock.fixed(Instant.EPOCH, ZoneOffset.UTC),
          meters);

  private boolean recordWait(Duration duration) {
    waits.add(duration);
    return true;
  }

  @Test
  void healthyCarbonGetsTheBatchInOneConnection() {
    assertThat(delivery.deliver(BATCH, this::recordWait)).isTrue();

    assertThat(carbon.flushed).isEqualTo(BATCH);
    assertThat(carbon.connects).isEqualTo(1);
    assertThat(waits).isEmpty();
    assertThat(meters.pointsWritten().count()).isEqualTo(3);
    assertThat(meters.replayedPoints().count()).isZero();
  }

  @Test
  void carbonDown_waitsDoublingBackoffUpToTheCap_thenWritesEverything() {
    carbon.failingConnects = 4;

    assertThat(delivery.deliver(BATCH, this::recordWait)).isTrue();

    assertThat(waits).containsExactly(ms(100), ms(200), ms(300), ms(300));
    assertThat(carbon.flushed).isEqualTo(BATCH);
    assertThat(meters.connectErrors().count()).isEqualTo(4);
    assertThat(meters.reconnects().count()).isZero(); // the first connection is not a reconnect
    assertThat(meters.pointsWritten().count()).isEqualTo(3);
    assertThat(meters.replayedPoints().count()).isEqualTo(3);
  }

  @Test
  void writeFailsMidBatch_wholeBatchIsResentOnANewConnection() {
    carbon.failOnSendNumber = 2;

    assertThat(delivery.deliver(BATCH, this::recordWait)).isTrue();

    assertThat(carbon.flushed).isEqualTo(BATCH);
    assertThat(carbon.sent).hasSize(1 + 3); // stats.a went out twice: harmless in Graphite
    assertThat(carbon.connects).isEqualTo(2);
    assertThat(waits).containsExactly(ms(100));
    assertThat(meters.writeErrors().count()).isEqualTo(1);
    assertThat(meters.reconnects().count()).isEqualTo(1);
    assertThat(meters.pointsWritten().count()).isEqualTo(3);
  }

  @Test
  void flushFailure_isRetriedLikeAWriteFailure() {
    carbon.failingFlushes = 1;

    assertThat(delivery.deliver(BATCH, this::recordWait)).isTrue();

    assertThat(carbon.flushed).isEqualTo(BATCH);
    assertThat(meters.writeErrors().count()).isEqualTo(1);
  }

  @Test
  void stopWhileWaiting_abandonsTheBatch() {
    carbon.failingConnects = Integer.MAX_VALUE;

    assertThat(delivery.deliver(BATCH, duration -> false)).isFalse();

    assertThat(carbon.flushed).isEmpty();
    assertThat(meters.pointsWritten().count()).isZero();
  }

  @Test
  void successResetsTheBackoff() {
    carbon.failingConnects = 2;
    delivery.deliver(BATCH, this::recordWait);
    carbon.connected = false;
    carbon.failingConnects = 1;

    delivery.deliver(BATCH, this::recordWait);

    assertThat(waits).containsExactly(ms(100), ms(200), ms(100));
  }

  @Test
  void carbonClosedAnIdleConnection_nextBatchReconnectsWithoutWaiting() {
    delivery.deliver(BATCH, this::recordWait);
    carbon.connected = false; // what isConnected() reports once carbon has closed its end

    assertThat(delivery.deliver(BATCH, this::recordWait)).isTrue();

    assertThat(carbon.connects).isEqualTo(2);
    assertThat(waits).isEmpty();
    assertThat(meters.reconnects().count()).isEqualTo(1);
    assertThat(meters.pointsWritten().count()).isEqualTo(6);
  }

  private static Duration ms(long millis) {
    return Duration.ofMillis(millis);
  }

  /** A carbon connection that fails when told to and records what got flushed. */
  private static final class ScriptedSender implements CarbonSender {
    int failingConnects;
    int failOnSendNumber = -1;
    int failingFlushes;
    boolean connected;
    int connects;
    final List<AggregatePoint> sent = new ArrayList<>();
    final List<AggregatePoint> flushed = new ArrayList<>();
    private final List<AggregatePoint> buffered = new ArrayList<>();

    @Override
    public void connect() throws IOException {
      if (failingConnects > 0) {
        failingConnects--;
        throw new ConnectException("Connection refused");
      }
      connected = true;
      connects++;
    }

    @Override
    public boolean isConnected() {
      return connected;
    }

    @Override
    public void send(AggregatePoint point) throws IOException {
      if (!connected) {
        throw new IOException("not connected");
      }
      if (sent.size() + 1 == failOnSendNumber) {
        failOnSendNumber = -1;
        throw new IOException("Broken pipe");
      }
      sent.add(point);
      buffered.add(point);
    }

    @Override
    public void flush() throws IOException {
      if (failingFlushes > 0) {
        failingFlushes--;
        throw new IOException("Connection reset");
      }
      flushed.addAll(buffered);
      buffered.clear();
    }

    @Override
    public void close() {
      connected = false;
      buffered.clear();
    }
  }
}
