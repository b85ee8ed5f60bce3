package dev.mosaic.storagebridge.carbon;

import dev.mosaic.contract.AggregatePoint;

/**
 * One point as a line of Graphite's plaintext protocol: {@code <name> <value> <timestamp>\n}.
 *
 * <pre>
 * AggregatePoint → CarbonPlaintextFormat → CarbonPlaintextSender → carbon :2003
 * </pre>
 *
 * <p>The value is written by {@link GraphiteValueFormat}, the timestamp in whole epoch seconds.
 */
public final class CarbonPlaintextFormat {
  private CarbonPlaintextFormat() {}

  /**
   * @throws IllegalArgumentException if the name is not {@linkplain GraphiteNames#isWritable
   *     writable} or the value is not finite: such a line would corrupt the stream
   */
  public static String line(AggregatePoint point) {
    String problem = GraphiteNames.problem(point.name());
    if (problem != null) {
      throw new IllegalArgumentException(problem);
    }
    return point.name()
        + ' '
        + GraphiteValueFormat.format(point.value())
        + ' '
        + point.timestampSeconds()
        + '\n';
  }
}
