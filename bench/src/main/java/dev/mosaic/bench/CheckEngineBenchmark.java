package dev.mosaic.bench;

import dev.mosaic.contract.AggregatePoint;
import dev.mosaic.stateengine.check.Check;
import dev.mosaic.stateengine.check.CheckFileException;
import dev.mosaic.stateengine.check.CheckFileParser;
import dev.mosaic.stateengine.eval.CheckEngine;
import dev.mosaic.stateengine.eval.RecentValues;
import dev.mosaic.stateengine.incident.IncidentBook;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Points per second through the state engine's {@link CheckEngine#onPoint}, for series seen before
 * (the steady state: every series reports every interval).
 *
 * <pre>
 * aggregates topic → AggregateBatch → [CheckEngine.onPoint] → IncidentBook, RecentValues
 * </pre>
 *
 * <p>Each point's name is decoded afresh from bytes, as the engine gets a new {@code String} per
 * point per interval (its hash not yet computed). {@code checks} Graphite-pattern checks are
 * loaded; check {@code i} matches the series of {@code app<i>}, so with 20 checks every series
 * matches one and is tried against all 20. Values stay below every threshold: no incident opens.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgs = "-Xmx2g")
public class CheckEngineBenchmark {
  static final int POINTS = 10_000;

  @Param({"100000"})
  int series;

  @Param({"0", "20"})
  int checks;

  private final byte[][] names = new byte[POINTS][];
  private CheckEngine engine;
  private int next;
  private long now = 1_700_000_000_000L;

  @Setup
  public void setUp() throws CheckFileException {
    engine = new CheckEngine(new IncidentBook(), new RecentValues(10, series), events -> {});
    StringBuilder file = new StringBuilder("checks:\n");
    for (int i = 0; i < checks; i++) {
      file.append("  - name: c")
          .append(i)
          .append("\n    pattern: stats.timers.app")
          .append(i)
          .append(".*.upper_90\n    critical: 1e12\n");
    }
    List<Check> loaded = new CheckFileParser().parse("bench.yaml", file.toString());
    engine.replaceChecks(loaded, now);
    for (int i = 0; i < series; i++) {
      engine.onPoint(point(name(i).getBytes(StandardCharsets.UTF_8)), now);
    }
    for (int i = 0; i < POINTS; i++) {
      names[i] = name(i * (series / POINTS)).getBytes(StandardCharsets.UTF_8);
    }
  }

  private static String name(int i) {
    return "stats.timers.app" + (i % 10) + ".host" + (i / 10) % 100 + ".t" + i + ".upper_90";
  }

  private AggregatePoint point(byte[] name) {
    return new AggregatePoint(new String(name, StandardCharsets.UTF_8), next++ % 1000, now / 1000);
  }

  @Benchmark
  @OperationsPerInvocation(POINTS)
  public void knownSeries(Blackhole out) {
    now += 10_000;
    for (byte[] name : names) {
      out.consume(engine.onPoint(point(name), now));
    }
  }
}
