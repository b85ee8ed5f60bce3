package dev.mosaic.aggregator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CommitMarkerTest {
  @Test
  void markerRoundTripsAndForeignMetadataIsIgnored() {
    CommitMarker marker = new CommitMarker(1_700_000_010_000L, 42);

    assertThat(CommitMarker.decode(marker.encode())).contains(marker);
    assertThat(CommitMarker.decode("")).isEmpty();
    assertThat(CommitMarker.decode(null)).isEmpty();
    assertThat(CommitMarker.decode("mosaic-aggregator/1 x 1")).isEmpty();
    assertThat(CommitMarker.decode("mosaic-aggregator/2 1 1")).isEmpty();
  }
}
