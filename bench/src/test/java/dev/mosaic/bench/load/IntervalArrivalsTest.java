package dev.mosaic.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IntervalArrivalsTest {
  private static final int L = 10;

  /** Interval [1000 s, 1010 s) ends at 1,010,000 ms. */
  private static final long END = 1_010_000;

  @Test
  void worstFirstAndLastArrivalAfterTheEndOfEachInterval() {
    IntervalArrivals arrivals = new IntervalArrivals();
    arrivals.line("stats_counts.load.c.1 3 1000", END + 600);
    arrivals.line("stats.timers.load.t.1.upper 2.5 1000", END + 900);
    arrivals.line("stats_counts.load.c.1 4 1010", END + 10_000 + 700);
    arrivals.line("stats_counts.load.c.2 4 1010", END + 10_000 + 1_400);

    IntervalArrivals.Summary both = arrivals.summary(END, END + L * 1000 + 1, L);

    assertThat(both.intervals()).isEqualTo(2);
    assertThat(both.firstMillis()).isEqualTo(700);
    assertThat(both.lastMillis()).isEqualTo(1_400);
    assertThat(arrivals.summary(END, END + 1, L).lastMillis()).isEqualTo(900);
  }

  @Test
  void aggregatorTimeIsCalculationPlusTheFlushTimeReportedWithTheNextInterval() {
    IntervalArrivals arrivals = new IntervalArrivals();
    arrivals.line(IntervalArrivals.CALCULATION_TIME + "120 1000", END + 500);
    arrivals.line(IntervalArrivals.FLUSH_TIME + "999 1000", END + 500); // the interval before
    arrivals.line(IntervalArrivals.FLUSH_TIME + "380 1010", END + 10_500);

    assertThat(arrivals.summary(END, END + 1, L).aggregatorMillis()).isEqualTo(500);
  }

  @Test
  void withoutTheNextIntervalTheAggregatorTimeIsUnknown() {
    IntervalArrivals arrivals = new IntervalArrivals();
    arrivals.line(IntervalArrivals.CALCULATION_TIME + "120 1000", END + 500);

    IntervalArrivals.Summary summary = arrivals.summary(END, END + 1, L);

    assertThat(summary.intervals()).isEqualTo(1);
    assertThat(summary.aggregatorMillis()).isNaN();
  }

  @Test
  void intervalsEndingOutsideTheWindowAndMalformedLinesAreLeftOut() {
    IntervalArrivals arrivals = new IntervalArrivals();
    arrivals.line("stats_counts.load.c.1 3 1000", END + 600);
    arrivals.line("no timestamp", END + 5_000);
    arrivals.line("stats_counts.load.c.1 3 10x0", END + 5_000);

    assertThat(arrivals.summary(END + 1, END + 20_000, L)).isEqualTo(IntervalArrivals.Summary.NONE);
    assertThat(arrivals.summary(END, END + 1, L).lastMillis()).isEqualTo(600);
  }

  @Test
  void forgottenIntervalsNoLongerCount() {
    IntervalArrivals arrivals = new IntervalArrivals();
    arrivals.line("stats_counts.load.c.1 3 1000", END + 600);
    arrivals.line("stats_counts.load.c.1 3 1010", END + 10_600);

    arrivals.forgetBefore(1010);

    assertThat(arrivals.summary(0, Long.MAX_VALUE, L).intervals()).isEqualTo(1);
  }
}
