package dev.mosaic.storagebridge.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FirstSightingsTest {

  @Test
  void onlyTheFirstSightingOfAKeyIsFirst() {
    FirstSightings seen = new FirstSightings(10);
    assertThat(seen.isFirst("a")).isTrue();
    assertThat(seen.isFirst("a")).isFalse();
    assertThat(seen.isFirst("b")).isTrue();
  }

  @Test
  void whenFullTheLeastRecentlySeenKeyIsForgotten() {
    FirstSightings seen = new FirstSightings(2);
    seen.isFirst("a");
    seen.isFirst("b");
    seen.isFirst("a"); // a is now more recent than b
    assertThat(seen.isFirst("c")).isTrue(); // evicts b

    assertThat(seen.isFirst("a")).isFalse();
    assertThat(seen.isFirst("b")).isTrue();
  }
}
