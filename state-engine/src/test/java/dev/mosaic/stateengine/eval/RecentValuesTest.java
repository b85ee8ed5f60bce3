package dev.mosaic.stateengine.eval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mosaic.contract.GraphitePattern;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecentValuesTest {
  @Test
  void keepsTheLatestValuesPerSeriesUpToTheLimit() {
    RecentValues recent = new RecentValues(3, 10);
    for (int i = 1; i <= 5; i++) {
      recent.add("a.b", i, i * 10L);
    }

    assertThat(recent.since(GraphitePattern.compile("a.*"), 0))
        .isEqualTo(Map.of("a.b", List.of(3.0, 4.0, 5.0)));
    assertThat(recent.since(GraphitePattern.compile("a.*"), 45))
        .isEqualTo(Map.of("a.b", List.of(5.0)));
    assertThat(recent.since(GraphitePattern.compile("a.*"), 51)).isEmpty();
  }

  @Test
  void aNewSeriesBeyondTheLimitIsNotKept() {
    RecentValues recent = new RecentValues(3, 2);

    assertThat(recent.add("a", 1, 1)).isTrue();
    assertThat(recent.add("b", 1, 1)).isTrue();
    assertThat(recent.add("c", 1, 1)).isFalse();
    assertThat(recent.add("a", 2, 2)).isTrue();
    assertThat(recent.since(GraphitePattern.compile("*"), 0)).containsOnlyKeys("a", "b");
  }
}
