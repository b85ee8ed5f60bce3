package dev.mosaic.aggregator.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AggregationRuleFileTest {
  @Test
  void readsRulesSkippingCommentsAndBlankLines(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("aggregation-rules.conf");
    Files.writeString(
        file,
        "# per environment\n"
            + "\n"
            + "<env>.requests.all (10) = sum <env>.requests.*\n"
            + "  all.latency.max(10)=max stats.timers.*.upper  \n");

    AggregationRules rules = AggregationRuleFile.read(file, 10);

    assertThat(rules.rules())
        .containsExactly(
            new AggregationRule("<env>.requests.all", 10, RuleMethod.SUM, "<env>.requests.*"),
            new AggregationRule("all.latency.max", 10, RuleMethod.MAX, "stats.timers.*.upper"));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "a.b (10) sum a.*|rules.conf:2: 'a.b (10) sum a.*' is not 'output_template (frequency) ="
            + " method input_pattern'",
        "a.b (10) = median a.*|rules.conf:2: unknown method 'median' (sum, avg, min, max or count)",
        "a.b (60) = sum a.*|rules.conf:2: frequency 60 must equal aggregator.flush-interval (10s):"
            + " rules are evaluated once per interval",
        "<x>.b (10) = sum a.*|rules.conf:2: field <x> of the output is not captured by the input"
            + " pattern",
        "<x>.b (10) = sum <x>.<x>|rules.conf:2: field <x> appears twice in the input pattern"
      })
  void errorsNameTheFileTheLineAndTheProblem(String line, String message) {
    assertThatThrownBy(() -> AggregationRuleFile.parse("rules.conf", List.of("# first", line), 10))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(message);
  }

  @Test
  void missingFileSaysSo(@TempDir Path dir) {
    Path missing = dir.resolve("none.conf");

    assertThatThrownBy(() -> AggregationRuleFile.read(missing, 10))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(missing + ": cannot be read: ");
  }
}
