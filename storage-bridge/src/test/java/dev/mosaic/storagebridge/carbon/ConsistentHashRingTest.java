package dev.mosaic.storagebridge.carbon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConsistentHashRingTest {

  /**
   * Every row of a table written by carbon's own router (graphite-carbon 1.1.7-1.1 from Debian; see
   * generate_ring_table.py next to it): 4 destination sets, 100 names each, one set of 20 nodes
   * where 43 ring positions collide and move up.
   */
  @Test
  void picksTheDestinationCarbonRelayPicks() throws IOException {
    List<String> rows = table();
    assertThat(rows).hasSize(400);
    for (String row : rows) {
      String[] fields = row.split("\\|");
      List<CarbonDestination> destinations =
          Arrays.stream(fields[0].split(" ")).map(CarbonDestination::parse).toList();
      ConsistentHashRing ring = new ConsistentHashRing(destinations);

      assertThat(ring.destinationFor(fields[1]).toString()).as(row).isEqualTo(fields[2]);
    }
  }

  @Test
  void positionIsMd5sFirstSixteenBits() {
    // md5("a") = 0cc175b9...: carbon's int(hexdigest[:4], 16)
    assertThat(ConsistentHashRing.position("a")).isEqualTo(0x0cc1);
  }

  @Test
  void nodeKeyIsPythonsTextOfTheHostInstanceTuple() {
    assertThat(ConsistentHashRing.nodeKey(new CarbonDestination("10.0.0.1", 2004, "a")))
        .isEqualTo("('10.0.0.1', 'a')");
    assertThat(ConsistentHashRing.nodeKey(new CarbonDestination("carbon1", 2004, null)))
        .isEqualTo("('carbon1', None)");
    assertThat(ConsistentHashRing.pythonRepr("it's")).isEqualTo("\"it's\"");
    assertThat(ConsistentHashRing.pythonRepr("a'\"b\\")).isEqualTo("'a\\'\"b\\\\'");
  }

  @Test
  void thePortIsNotPartOfTheNode() {
    ConsistentHashRing a =
        new ConsistentHashRing(
            List.of(CarbonDestination.parse("h1:2004:a"), CarbonDestination.parse("h2:2004:a")));
    ConsistentHashRing b =
        new ConsistentHashRing(
            List.of(CarbonDestination.parse("h1:9999:a"), CarbonDestination.parse("h2:2004:a")));
    for (int i = 0; i < 50; i++) {
      String metric = "stats.m" + i;
      assertThat(a.destinationFor(metric).host()).isEqualTo(b.destinationFor(metric).host());
    }
  }

  @Test
  void refusesTwoDestinationsOfOneHostAndInstance() {
    assertThatThrownBy(
            () ->
                new ConsistentHashRing(
                    List.of(
                        CarbonDestination.parse("h1:2004:a"),
                        CarbonDestination.parse("h1:2104:a"))))
        .hasMessage("destinations h1:2004:a and h1:2104:a are the same node");
  }

  private static List<String> table() throws IOException {
    try (InputStream in =
        ConsistentHashRingTest.class.getResourceAsStream("/carbon/consistent-hashing-table.csv")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8)
          .lines()
          .filter(line -> !line.startsWith("#"))
          .toList();
    }
  }
}
