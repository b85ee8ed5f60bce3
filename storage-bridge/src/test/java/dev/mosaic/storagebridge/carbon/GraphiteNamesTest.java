package dev.mosaic.storagebridge.carbon;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class GraphiteNamesTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "a",
        "stats.timers.api.get.upper_90",
        "stats.gauges.disk-free;host=web1",
        "stats_counts.x-y_z.%1",
        "stats.gauges.caf\u00e9"
      })
  void writable(String name) {
    assertThat(GraphiteNames.isWritable(name)).isTrue();
    assertThat(GraphiteNames.problem(name)).isNull();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "''| the name is empty",
        "a..b| the name has an empty path component (..)",
        ".a.b| the name starts or ends with a dot",
        "a.b.| the name starts or ends with a dot",
        ".| the name starts or ends with a dot",
        "'a b'| the name contains whitespace or a control character",
        "'a\tb'| the name contains whitespace or a control character",
        "'a\u00a0b'| the name contains whitespace or a control character",
        "'a\u0000b'| the name contains whitespace or a control character"
      })
  void notWritable(String name, String problem) {
    assertThat(GraphiteNames.isWritable(name)).isFalse();
    assertThat(GraphiteNames.problem(name)).isEqualTo(problem);
  }

  @ParameterizedTest
  @ValueSource(strings = {"a\nb", "a.b\n", "\ra.b", "a\u2028b"})
  void lineBreaksAreNotWritable(String name) {
    assertThat(GraphiteNames.isWritable(name)).isFalse();
  }

  /** The printable-ASCII fast path must agree with the full rule for every char. */
  @Test
  void everyCharIsJudgedByTheFullRule() {
    for (char c = 0; c < Character.MAX_VALUE; c++) {
      boolean splitsOrControls =
          Character.isWhitespace(c) || Character.isSpaceChar(c) || Character.isISOControl(c);
      assertThat(GraphiteNames.isWritable("a" + c + "b"))
          .as("U+%04X", (int) c)
          .isEqualTo(!splitsOrControls);
    }
  }
}
