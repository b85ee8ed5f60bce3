package dev.mosaic.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The senders against a real socket that counts: what a sender reports as offered is exactly what
 * arrives, and every due datagram is counted once, as sent or as failed. For {@code gso}, the
 * receiving socket gets each segment of a send as a datagram of its own.
 */
class LoadSenderTest {
  private static final int THREADS = 2;
  private static final String ONE_STATSD_LINE = "load\\.[ctgs]\\.\\d+:u?\\d+\\|(c|ms|g|s)";

  @ParameterizedTest
  @ValueSource(strings = {"channel", "epoll", "gso"})
  void everyPacketReportedSentArrivesFromEverySourceSocket(String kind) throws Exception {
    PacketPool pool = new PacketPool(100, 5);
    try (CountingReceiver receiver = new CountingReceiver();
        LoadSender sender = open(kind, pool, receiver.address())) {
      // 1,000 datagrams/s for 0.5 s: 250 due per thread
      Offered offered = sender.send(1_000 * pool.linesPerPacket(), 0.5);

      assertThat(offered.failed()).isZero();
      assertThat(offered.packets()).isBetween(400L, 500L);
      if (!kind.equals("channel")) {
        assertThat(offered.packets()).isEqualTo(500); // its last tick sends everything due
      }
      assertThat(offered.lines()).isEqualTo(offered.packets() * 5);
      await()
          .atMost(Duration.ofSeconds(20))
          .untilAsserted(() -> assertThat(receiver.packets.get()).isEqualTo(offered.packets()));
      assertThat(receiver.lines.get()).isEqualTo(offered.lines());
      assertThat(receiver.counterLines.get()).isEqualTo(offered.counterLines());
      assertThat(receiver.sources).hasSize(THREADS * 4);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"channel", "epoll", "gso"})
  void everyDuePacketIsCountedOnceWhenThePortIsClosed(String kind) throws Exception {
    PacketPool pool = new PacketPool(100, 1);
    InetSocketAddress closed;
    try (DatagramChannel probe = DatagramChannel.open()) {
      probe.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      closed = (InetSocketAddress) probe.getLocalAddress();
    }
    try (LoadSender sender = open(kind, pool, closed)) {
      Offered offered = sender.send(1_000, 0.5);

      if (kind.equals("channel")) {
        // each refused datagram's ICMP reply makes the socket's next send fail
        assertThat(offered.failed()).isPositive();
        assertThat(offered.packets() + offered.failed()).isBetween(400L, 500L);
      } else {
        // the event loop reads (and so clears) the ICMP error between two ticks: sends succeed
        assertThat(offered.packets() + offered.failed()).isEqualTo(500);
      }
      assertThat(offered.lines()).isEqualTo(offered.packets());
    }
  }

  @Test
  void gsoSendsOfManySegmentsArriveAsOneDatagramPerLine() throws Exception {
    PacketPool pool = new PacketPool(100, 1);
    try (CountingReceiver receiver = new CountingReceiver();
        EpollBatchSender sender = (EpollBatchSender) open("gso", pool, receiver.address())) {
      // 20,000 datagrams/s for 0.2 s: 10 due per thread and millisecond tick, so a write carries
      // several; 4,000 in all stay within the receive buffer even if the reader is held up.
      Offered offered = sender.send(20_000, 0.2);

      assertThat(offered.failed()).isZero();
      // all 4,000 unless the event loop was held up past the step's end with many due
      assertThat(offered.packets()).isBetween(1_000L, 4_000L);
      assertThat(sender.writesInLastStep()).isLessThan(offered.packets() / 2);
      await()
          .atMost(Duration.ofSeconds(20))
          .untilAsserted(() -> assertThat(receiver.packets.get()).isEqualTo(offered.packets()));
      int segmentSize = pool.paddedToEqualLength().maxPacketLength();
      assertThat(receiver.payloads)
          .hasSize((int) offered.packets())
          .allSatisfy(
              payload -> {
                assertThat(payload).hasSize(segmentSize);
                assertThat(payload.stripTrailing()).matches(ONE_STATSD_LINE);
                assertThat(payload.substring(payload.stripTrailing().length())).matches("\n*");
              });
      assertThat(receiver.counterLines.get()).isEqualTo(offered.counterLines());
    }
  }

  private static LoadSender open(String kind, PacketPool pool, InetSocketAddress target) {
    if (kind.equals("gso")) {
      assumeTrue(EpollBatchSender.gsoUnavailabilityCause() == null, "gso is unavailable here");
      return EpollBatchSender.gso(pool, target, THREADS);
    }
    if (kind.equals("epoll")) {
      assumeTrue(EpollBatchSender.unavailabilityCause() == null, "epoll is unavailable here");
      return new EpollBatchSender(pool, target, THREADS);
    }
    return new PacedSender(pool, target, THREADS);
  }

  /** A UDP socket on loopback and a thread that counts datagrams, lines and source ports. */
  private static final class CountingReceiver implements AutoCloseable {
    final AtomicLong packets = new AtomicLong();
    final AtomicLong lines = new AtomicLong();
    final AtomicLong counterLines = new AtomicLong();
    final Set<Integer> sources = ConcurrentHashMap.newKeySet();
    final Queue<String> payloads = new ConcurrentLinkedQueue<>();
    private final DatagramChannel channel;
    private final Thread reader;

    CountingReceiver() throws IOException {
      channel = DatagramChannel.open();
      channel.setOption(StandardSocketOptions.SO_RCVBUF, 4 << 20);
      channel.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      reader = new Thread(this::read, "counting-receiver");
      reader.start();
    }

    InetSocketAddress address() throws IOException {
      return (InetSocketAddress) channel.getLocalAddress();
    }

    private void read() {
      ByteBuffer buffer = ByteBuffer.allocate(65_536);
      try {
        while (true) {
          buffer.clear();
          InetSocketAddress from = (InetSocketAddress) channel.receive(buffer);
          buffer.flip();
          String payload = StandardCharsets.US_ASCII.decode(buffer).toString();
          payloads.add(payload);
          for (String line : payload.split("\n")) {
            lines.incrementAndGet();
            if (line.endsWith(":1|c")) {
              counterLines.incrementAndGet();
            }
          }
          sources.add(from.getPort());
          packets.incrementAndGet(); // last, so a test that sees the count sees the rest
        }
      } catch (ClosedChannelException e) {
        // closed by the test
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }

    @Override
    public void close() throws Exception {
      channel.close();
      reader.join(5_000);
    }
  }
}
