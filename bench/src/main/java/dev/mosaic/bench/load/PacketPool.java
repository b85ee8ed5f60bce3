package dev.mosaic.bench.load;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Pre-built StatsD datagrams cycling over a fixed set of names, so that sending costs no
 * formatting.
 *
 * <p>Line {@code j} of the pool has the kind {@code j % 10}: 0–3 a counter {@code load.c.<n>:1|c},
 * 4–6 a timer {@code load.t.<n>:<v>|ms}, 7–8 a gauge {@code load.g.<n>:<v>|g}, 9 a set {@code
 * load.s.<n>:u<m>|s}, with {@code n = j % names}. Every counter adds exactly 1, so the sum of
 * {@code stats_counts.load.c.*} written downstream equals the counter lines that arrived. With
 * {@code names} a multiple of 10 each name keeps one kind and there are exactly {@code names}
 * distinct names.
 *
 * <p>{@link #paddedToEqualLength()} gives the same lines in datagrams of one length, which UDP
 * generic segmentation offload needs ({@code --sender=gso}).
 */
final class PacketPool {
  private final byte[][] packets;
  private final int[] counterLines;
  private final int linesPerPacket;

  /**
   * @param names distinct names, rounded up to a multiple of 10
   * @param linesPerPacket lines in each datagram, 1 or more
   */
  PacketPool(int names, int linesPerPacket) {
    if (names < 10 || linesPerPacket < 1) {
      throw new IllegalArgumentException("names >= 10 and lines per packet >= 1 required");
    }
    int distinct = (names + 9) / 10 * 10;
    // Enough packets that every name occurs; at least 1,000 so several senders interleave.
    int count = Math.max(1_000, (distinct + linesPerPacket - 1) / linesPerPacket);
    this.linesPerPacket = linesPerPacket;
    packets = new byte[count][];
    counterLines = new int[count];
    long j = 0;
    for (int p = 0; p < count; p++) {
      StringBuilder packet = new StringBuilder(linesPerPacket * 24);
      for (int l = 0; l < linesPerPacket; l++, j++) {
        if (l > 0) {
          packet.append('\n');
        }
        int n = (int) (j % distinct);
        int kind = n % 10;
        if (kind < 4) {
          packet.append("load.c.").append(n).append(":1|c");
          counterLines[p]++;
        } else if (kind < 7) {
          packet.append("load.t.").append(n).append(':').append(j % 1000).append("|ms");
        } else if (kind < 9) {
          packet.append("load.g.").append(n).append(':').append(j % 500).append("|g");
        } else {
          packet.append("load.s.").append(n).append(":u").append(j % 16).append("|s");
        }
      }
      packets[p] = packet.toString().getBytes(StandardCharsets.US_ASCII);
    }
  }

  private PacketPool(byte[][] packets, int[] counterLines, int linesPerPacket) {
    this.packets = packets;
    this.counterLines = counterLines;
    this.linesPerPacket = linesPerPacket;
  }

  /**
   * The same datagrams, each followed by as many {@code '\n'} as make it as long as the longest:
   * empty lines, which both Etsy StatsD ({@code stats.js} skips a zero-length line before counting
   * it) and mosaic's collector (it parses non-empty lines only) ignore. The lines and their count
   * stay the same.
   */
  PacketPool paddedToEqualLength() {
    int length = maxPacketLength();
    byte[][] padded = new byte[packets.length][];
    for (int p = 0; p < packets.length; p++) {
      padded[p] = Arrays.copyOf(packets[p], length);
      Arrays.fill(padded[p], packets[p].length, length, (byte) '\n');
    }
    return new PacketPool(padded, counterLines, linesPerPacket);
  }

  int maxPacketLength() {
    return Arrays.stream(packets).mapToInt(packet -> packet.length).max().orElseThrow();
  }

  double meanPacketLength() {
    return Arrays.stream(packets).mapToInt(packet -> packet.length).average().orElseThrow();
  }

  int size() {
    return packets.length;
  }

  byte[] packet(int index) {
    return packets[index];
  }

  int counterLines(int index) {
    return counterLines[index];
  }

  int linesPerPacket() {
    return linesPerPacket;
  }
}
