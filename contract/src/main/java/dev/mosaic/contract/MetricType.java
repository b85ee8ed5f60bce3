package dev.mosaic.contract;

/** The kinds of StatsD metric mosaic aggregates, with the single byte each has on the wire. */
public enum MetricType {
  /** {@code |c}: a count, scaled up by its sample rate. */
  COUNTER((byte) 'c'),
  /** {@code |g}: a level that keeps its last value; may be a {@code +N}/{@code -N} delta. */
  GAUGE((byte) 'g'),
  /** {@code |ms} and {@code |h}: a duration or other distribution sample. */
  TIMER((byte) 't'),
  /** {@code |s}: a member of a set whose distinct members are counted. */
  SET((byte) 's');

  private final byte code;

  MetricType(byte code) {
    this.code = code;
  }

  /** The byte that stands for this type in {@link SampleBatchSerde}'s format. */
  public byte code() {
    return code;
  }

  /**
   * The type for a wire byte.
   *
   * @throws IllegalArgumentException if the byte names no type
   */
  public static MetricType fromCode(byte code) {
    return switch (code) {
      case 'c' -> COUNTER;
      case 'g' -> GAUGE;
      case 't' -> TIMER;
      case 's' -> SET;
      default -> throw new IllegalArgumentException("unknown metric type code " + code);
    };
  }
}
