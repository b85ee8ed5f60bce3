package dev.mosaic.storagebridge.carbon;

import dev.mosaic.bench.IntervalPoints;
import dev.mosaic.contract.AggregatePoint;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The storage bridge's carbon lines for one interval of {@code series} series (about 5.3 points per
 * series), the way it was and the way it is, in one run so the ratio holds on a loaded machine.
 *
 * <pre>
 * decoded AggregatePoint → [line bytes] → BufferedOutputStream → carbon
 * </pre>
 *
 * <p>{@link #asStrings} is the send path before: check the name, build the line as a {@code String}
 * with the value's digits searched for every value, encode it to UTF-8. {@link #encoderNow} is
 * {@link CarbonPlaintextEncoder}, which checks and copies the name in one pass and writes integers
 * without the search. The set-up checks that both give the same bytes for every point. (This class
 * sits in the bridge's package to reach the value format's general path, which is package-private.)
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class CarbonLineBenchmark {
  @Param({"100000"})
  public int series;

  /** {@code harness}: the load harness's values; {@code random}: timers of random doubles. */
  @Param({"harness", "random"})
  public String values;

  private AggregatePoint[] points;
  private final CarbonPlaintextEncoder encoder = new CarbonPlaintextEncoder();

  @Setup
  public void setUp() {
    List<AggregatePoint> list = IntervalPoints.points(IntervalPoints.interval(series, values));
    points = list.toArray(new AggregatePoint[0]);
    ByteArrayOutputStream before = new ByteArrayOutputStream();
    ByteArrayOutputStream now = new ByteArrayOutputStream();
    for (AggregatePoint point : points) {
      before.writeBytes(lineAsString(point));
      now.write(encoder.bytes(), 0, encoder.encode(point));
    }
    if (!Arrays.equals(before.toByteArray(), now.toByteArray())) {
      throw new IllegalStateException("the encoder's lines differ from the format's");
    }
    System.out.printf(
        "%n%d points, %d bytes of carbon lines per interval%n", points.length, now.size());
  }

  @Benchmark
  public void asStrings(Blackhole out) {
    for (AggregatePoint point : points) {
      out.consume(lineAsString(point));
    }
  }

  @Benchmark
  public void encoderNow(Blackhole out) {
    for (AggregatePoint point : points) {
      out.consume(encoder.encode(point));
      out.consume(encoder.bytes());
    }
  }

  /** {@code CarbonPlaintextSender.send} before the encoder: the line as a String, then UTF-8. */
  private static byte[] lineAsString(AggregatePoint point) {
    String problem = GraphiteNames.problem(point.name());
    if (problem != null) {
      throw new IllegalArgumentException(problem);
    }
    String line =
        point.name()
            + ' '
            + GraphiteValueFormat.formatDigits(point.value())
            + ' '
            + point.timestampSeconds()
            + '\n';
    return line.getBytes(StandardCharsets.UTF_8);
  }
}
