package dev.mosaic.storagebridge.carbon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.mosaic.contract.AggregatePoint;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CarbonPlaintextSenderTest {
  private final Counter bytes = new SimpleMeterRegistry().counter("bytes");
  private final CollectingCarbonServer carbon = CollectingCarbonServer.start();
  private final CarbonPlaintextSender sender =
      new CarbonPlaintextSender("127.0.0.1", carbon.port(), Duration.ofSeconds(5), bytes);

  @AfterEach
  void tearDown() {
    sender.close();
    carbon.close();
  }

  @Test
  void flushedPointsArriveAsExactLinesAndTheirBytesAreCounted() throws IOException {
    sender.connect();
    sender.send(new AggregatePoint("stats.a", 1.0, 1_700_000_000L));
    sender.send(new AggregatePoint("stats.b", -0.25, 1_700_000_010L));
    assertThat(bytes.count()).isZero(); // nothing confirmed before flush
    sender.flush();

    await().atMost(Duration.ofSeconds(10)).until(() -> carbon.lines().size() == 2);
    assertThat(carbon.lines()).containsExactly("stats.a 1 1700000000", "stats.b -0.25 1700000010");
    assertThat(bytes.count()).isEqualTo(21 + 25);
  }

  @Test
  void isConnectedTurnsFalseWhenCarbonClosesItsEnd() throws IOException {
    sender.connect();
    assertThat(sender.isConnected()).isTrue();

    await().atMost(Duration.ofSeconds(10)).until(() -> carbon.connectionsAccepted() == 1);
    carbon.dropConnections();

    await().atMost(Duration.ofSeconds(10)).until(() -> !sender.isConnected());
  }

  @Test
  void connectFailsWhileCarbonIsDownAndWorksOnceItIsBack() throws IOException {
    carbon.stop();
    assertThatThrownBy(sender::connect).isInstanceOf(IOException.class);
    assertThat(sender.isConnected()).isFalse();

    carbon.restart();
    sender.connect();
    sender.send(new AggregatePoint("stats.back", 2.0, 1L));
    sender.flush();
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> carbon.lines().equals(java.util.List.of("stats.back 2 1")));
  }

  @Test
  void sendWithoutConnectionFailsAsAnIoError() {
    assertThatThrownBy(() -> sender.send(new AggregatePoint("stats.a", 1, 1L)))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("not connected");
    assertThatThrownBy(sender::flush).isInstanceOf(IOException.class);
  }

  @Test
  void connectingTwiceIsAProgrammingError() throws IOException {
    sender.connect();
    assertThatThrownBy(sender::connect).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void closeDiscardsUnflushedPointsAndCanBeRepeated() throws IOException {
    sender.connect();
    sender.send(new AggregatePoint("stats.lost", 1, 1L));
    sender.close();
    sender.close();

    assertThat(sender.isConnected()).isFalse();
    assertThat(bytes.count()).isZero();
    sender.connect(); // ready again after close
    sender.send(new AggregatePoint("stats.kept", 1, 1L));
    sender.flush();
    await().atMost(Duration.ofSeconds(10)).until(() -> carbon.lines().contains("stats.kept 1 1"));
    assertThat(carbon.lines()).containsExactly("stats.kept 1 1");
  }
}
