package dev.mosaic.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PacketPoolTest {
  @Test
  void paddingAppendsOnlyNewlinesUpToTheLongestPacket() {
    PacketPool pool = new PacketPool(100, 3);
    PacketPool padded = pool.paddedToEqualLength();

    assertThat(padded.size()).isEqualTo(pool.size());
    assertThat(padded.linesPerPacket()).isEqualTo(3);
    assertThat(padded.maxPacketLength()).isEqualTo(pool.maxPacketLength());
    assertThat(padded.meanPacketLength()).isEqualTo(pool.maxPacketLength());
    assertThat(pool.meanPacketLength()).isLessThan(pool.maxPacketLength()); // lengths do vary
    for (int i = 0; i < pool.size(); i++) {
      String original = new String(pool.packet(i), StandardCharsets.US_ASCII);
      String sent = new String(padded.packet(i), StandardCharsets.US_ASCII);
      assertThat(sent).startsWith(original).hasSize(pool.maxPacketLength());
      assertThat(sent.substring(original.length())).matches("\n*");
      assertThat(padded.counterLines(i)).isEqualTo(pool.counterLines(i));
    }
  }

  @Test
  void firstPacketsHoldTheDocumentedLines() {
    PacketPool pool = new PacketPool(10, 2);

    assertThat(new String(pool.packet(0), StandardCharsets.US_ASCII))
        .isEqualTo("load.c.0:1|c\nload.c.1:1|c");
    assertThat(new String(pool.packet(2), StandardCharsets.US_ASCII))
        .isEqualTo("load.t.4:4|ms\nload.t.5:5|ms");
    assertThat(new String(pool.packet(4), StandardCharsets.US_ASCII))
        .isEqualTo("load.g.8:8|g\nload.s.9:u9|s");
    assertThat(pool.counterLines(0)).isEqualTo(2);
  }
}
