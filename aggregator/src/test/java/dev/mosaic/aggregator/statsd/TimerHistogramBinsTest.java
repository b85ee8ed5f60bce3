package dev.mosaic.aggregator.statsd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TimerHistogramBinsTest {
  @Test
  void firstRuleWhoseMetricOccursInTheNameWins() {
    TimerHistogramBins bins = TimerHistogramBins.parse("render=0.01,0.1,1,10,inf;foo=;=50,inf");

    assertThat(bins.boundsFor("page.render.time"))
        .containsExactly(0.01, 0.1, 1, 10, Double.POSITIVE_INFINITY);
    assertThat(bins.fieldsFor("page.render.time"))
        .containsExactly(
            "histogram.bin_0_01",
            "histogram.bin_0_1",
            "histogram.bin_1",
            "histogram.bin_10",
            "histogram.bin_inf");
    assertThat(bins.boundsFor("foo.render"))
        .containsExactly(0.01, 0.1, 1, 10, Double.POSITIVE_INFINITY);
    assertThat(bins.boundsFor("foo.bar")).isEmpty();
    assertThat(bins.boundsFor("api.get")).containsExactly(50, Double.POSITIVE_INFINITY);
    assertThat(bins.ruleCount()).isEqualTo(3);
  }

  @Test
  void emptyTextMeansNoHistograms() {
    assertThat(TimerHistogramBins.parse(" ").boundsFor("anything")).isEmpty();
    assertThat(TimerHistogramBins.NONE.fieldsFor("anything")).isEmpty();
  }

  @ParameterizedTest
  @CsvSource({"10,10", "10.0,10", "0.5,0.5", "2.25,2.25", "0,0", "1e3,1000", "0.000001,0.000001"})
  void boundsAreNamedAsJavaScriptWritesThem(double bound, String text) {
    assertThat(TimerHistogramBins.javaScriptText(bound)).isEqualTo(text);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "render|rule 'render' is not <metric>=<bound>,<bound>,...",
        "a=10,ten|rule 'a': bound 'ten' is not a number or inf",
        "a=10,5|rule 'a': bounds must be ascending, '5' is not above the one before",
        "a=inf,10|rule 'a': bounds must be ascending, '10' is not above the one before",
        "a=1e-9|rule 'a': bound '1e-9' must be 0 or in [1e-6, 1e21)",
        "a=-1|rule 'a': bound '-1' must be 0 or in [1e-6, 1e21)"
      })
  void badRulesSayWhatIsWrong(String text, String problem) {
    assertThatThrownBy(() -> TimerHistogramBins.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(problem);
  }
}
