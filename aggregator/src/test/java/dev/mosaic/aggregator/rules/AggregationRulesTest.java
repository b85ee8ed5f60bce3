package dev.mosaic.aggregator.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mosaic.contract.AggregatePoint;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AggregationRulesTest {
  private static final long TS = 1_700_000_000L;

  private static final List<AggregatePoint> POINTS =
      List.of(
          new AggregatePoint("prod.requests.web1", 3, TS),
          new AggregatePoint("prod.requests.web2", 5, TS),
          new AggregatePoint("prod.requests.web3", -1, TS),
          new AggregatePoint("dev.requests.web1", 7, TS),
          new AggregatePoint("prod.requests.web1.errors", 100, TS),
          new AggregatePoint("prodXrequests.web9", 1000, TS));

  private static AggregationRules rules(String... lines) {
    return AggregationRuleFile.parse("test.conf", List.of(lines), 10);
  }

  @ParameterizedTest
  @CsvSource({"sum,7", "avg,2.3333333333333335", "min,-1", "max,5", "count,3"})
  void eachMethodCombinesTheMatchedValues(String method, double expected) {
    assertThat(rules("prod.requests.all (10) = " + method + " prod.requests.*").apply(POINTS, TS))
        .containsExactly(new AggregatePoint("prod.requests.all", expected, TS));
  }

  @Test
  void capturedFieldsNameOneOutputPerGroup() {
    assertThat(rules("<env>.requests.total (10) = sum <env>.requests.web*").apply(POINTS, TS))
        .containsExactly(
            new AggregatePoint("dev.requests.total", 7, TS),
            new AggregatePoint("prod.requests.total", 7, TS));
  }

  @Test
  void fieldsMayCapturePartOfAComponent() {
    assertThat(rules("hosts.<n>.requests (10) = sum prod.requests.web<n>").apply(POINTS, TS))
        .containsExactly(
            new AggregatePoint("hosts.1.requests", 3, TS),
            new AggregatePoint("hosts.2.requests", 5, TS),
            new AggregatePoint("hosts.3.requests", -1, TS));
  }

  @Test
  void theFirstRuleForAnOutputNameWinsAndOutputsAreNotInputs() {
    assertThat(
            rules(
                    "all (10) = count *.requests.*",
                    "all (10) = sum prod.requests.*",
                    "again (10) = count all")
                .apply(POINTS, TS))
        .containsExactly(new AggregatePoint("all", 4, TS));
  }

  @Test
  void nothingMatchingProducesNothing() {
    assertThat(rules("x (10) = sum staging.*").apply(POINTS, TS)).isEmpty();
    assertThat(AggregationRules.NONE.apply(POINTS, TS)).isEmpty();
  }
}
