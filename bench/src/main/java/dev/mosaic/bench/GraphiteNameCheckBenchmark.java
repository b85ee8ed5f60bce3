package dev.mosaic.bench;

import dev.mosaic.storagebridge.carbon.GraphiteNames;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Names per second through the storage bridge's name check, the old way and the new way in one run,
 * so the ratio holds on a loaded machine.
 *
 * <pre>
 * AggregateBatch bytes → name String → [GraphiteNames.problem] → carbon line
 * </pre>
 *
 * <p>Each name is decoded from bytes first, as the bridge decodes a fresh {@code String} per point
 * per interval (so its hash is never cached); {@link #decodeOnly} measures that part alone. {@link
 * #characterLookups} is the check as it was before the printable-ASCII fast path, {@link #fastPath}
 * is {@link GraphiteNames#problem} now, and {@link #knownNameSet} is the alternative that was
 * weighed: a set of names already found valid, which must hash and compare the name.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
public class GraphiteNameCheckBenchmark {
  static final int NAMES = 1_000;

  private final byte[][] encoded = new byte[NAMES][];
  private final Set<String> known = new HashSet<>();

  @Setup
  public void setUp() {
    String[] suffixes = {"count", "rate", "upper_90", "mean", "sum", "lower", "median"};
    for (int i = 0; i < NAMES; i++) {
      String name =
          "stats.timers.app.host" + (i % 50) + ".api.latency.t" + i + '.' + suffixes[i % 7];
      encoded[i] = name.getBytes(StandardCharsets.UTF_8);
      known.add(name);
    }
  }

  @Benchmark
  @OperationsPerInvocation(NAMES)
  public void decodeOnly(Blackhole out) {
    for (byte[] bytes : encoded) {
      out.consume(new String(bytes, StandardCharsets.UTF_8));
    }
  }

  @Benchmark
  @OperationsPerInvocation(NAMES)
  public void characterLookups(Blackhole out) {
    for (byte[] bytes : encoded) {
      out.consume(problemByCharacterLookups(new String(bytes, StandardCharsets.UTF_8)));
    }
  }

  @Benchmark
  @OperationsPerInvocation(NAMES)
  public void fastPath(Blackhole out) {
    for (byte[] bytes : encoded) {
      out.consume(GraphiteNames.problem(new String(bytes, StandardCharsets.UTF_8)));
    }
  }

  @Benchmark
  @OperationsPerInvocation(NAMES)
  public void knownNameSet(Blackhole out) {
    for (byte[] bytes : encoded) {
      out.consume(known.contains(new String(bytes, StandardCharsets.UTF_8)));
    }
  }

  /** GraphiteNames.problem before the fast path: three Character lookups for every char. */
  private static String problemByCharacterLookups(String name) {
    if (name.isEmpty()) {
      return "the name is empty";
    }
    if (name.charAt(0) == '.' || name.charAt(name.length() - 1) == '.') {
      return "the name starts or ends with a dot";
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (Character.isWhitespace(c) || Character.isSpaceChar(c) || Character.isISOControl(c)) {
        return "the name contains whitespace or a control character";
      }
      if (c == '.' && name.charAt(i - 1) == '.') {
        return "the name has an empty path component (..)";
      }
    }
    return null;
  }
}
