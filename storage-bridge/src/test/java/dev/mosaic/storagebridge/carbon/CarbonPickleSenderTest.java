package dev.mosaic.storagebridge.carbon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.mosaic.contract.AggregatePoint;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CarbonPickleSenderTest {
  private final Counter bytes = new SimpleMeterRegistry().counter("bytes");
  private final List<byte[]> messages = new ArrayList<>();
  private final ServerSocket server = listen();
  private final CarbonPickleSender sender =
      new CarbonPickleSender("127.0.0.1", server.getLocalPort(), Duration.ofSeconds(5), bytes);

  @AfterEach
  void tearDown() throws IOException {
    sender.close();
    server.close();
  }

  @Test
  void pointsGoInMessagesOfAtMost500_eachTheExactPickle() throws IOException {
    List<AggregatePoint> points = new ArrayList<>();
    for (int i = 0; i < 1001; i++) {
      points.add(new AggregatePoint("stats.p" + i, i, 1_700_000_000L));
    }
    sender.connect();
    for (AggregatePoint point : points) {
      sender.send(point);
    }
    sender.flush();

    await().atMost(Duration.ofSeconds(10)).until(() -> messageCount() == 3);
    synchronized (messages) {
      assertThat(messages.get(0)).isEqualTo(CarbonPickleFormat.message(points.subList(0, 500)));
      assertThat(messages.get(1)).isEqualTo(CarbonPickleFormat.message(points.subList(500, 1000)));
      assertThat(messages.get(2)).isEqualTo(CarbonPickleFormat.message(points.subList(1000, 1001)));
      assertThat(bytes.count())
          .isEqualTo(messages.stream().mapToInt(message -> message.length).sum());
    }
  }

  @Test
  void closeDiscardsWhatWasNotFlushed() throws IOException {
    sender.connect();
    sender.send(new AggregatePoint("stats.lost", 1, 1L));
    sender.close();
    sender.connect();
    sender.send(new AggregatePoint("stats.kept", 2, 1L));
    sender.flush();

    await().atMost(Duration.ofSeconds(10)).until(() -> messageCount() == 1);
    synchronized (messages) {
      assertThat(messages.get(0))
          .isEqualTo(CarbonPickleFormat.message(List.of(new AggregatePoint("stats.kept", 2, 1L))));
    }
  }

  @Test
  void sendWithoutConnectionFailsAsAnIoError() {
    assertThatThrownBy(() -> sender.send(new AggregatePoint("stats.a", 1, 1L)))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("not connected");
  }

  @Test
  void unwritablePointsAreRefusedAtOnce() throws IOException {
    sender.connect();
    assertThatThrownBy(() -> sender.send(new AggregatePoint("a b", 1, 1L)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> sender.send(new AggregatePoint("a.b", Double.NaN, 1L)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private int messageCount() {
    synchronized (messages) {
      return messages.size();
    }
  }

  /** A receiver on 127.0.0.1 that keeps every length-prefixed message, header included. */
  private ServerSocket listen() {
    try {
      ServerSocket s = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
      Thread acceptor =
          new Thread(
              () -> {
                while (!s.isClosed()) {
                  try {
                    Socket connection = s.accept();
                    Thread reader = new Thread(() -> readMessages(connection));
                    reader.setDaemon(true);
                    reader.start();
                  } catch (IOException e) {
                    return;
                  }
                }
              });
      acceptor.setDaemon(true);
      acceptor.start();
      return s;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private void readMessages(Socket connection) {
    try (connection;
        DataInputStream in = new DataInputStream(connection.getInputStream())) {
      while (true) {
        int length = in.readInt();
        byte[] body = in.readNBytes(length);
        ByteArrayOutputStream message = new ByteArrayOutputStream();
        message.writeBytes(new byte[] {(byte) (length >>> 24), (byte) (length >>> 16)});
        message.writeBytes(new byte[] {(byte) (length >>> 8), (byte) length});
        message.writeBytes(body);
        synchronized (messages) {
          messages.add(message.toByteArray());
        }
      }
    } catch (EOFException e) {
      // the sender closed
    } catch (IOException e) {
      // closed by tearDown
    }
  }
}
