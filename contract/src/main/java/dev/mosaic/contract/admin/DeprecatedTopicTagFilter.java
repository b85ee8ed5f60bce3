package dev.mosaic.contract.admin;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.config.MeterFilterReply;

/**
 * Drops the second copy of each per-topic Kafka client meter that Kafka 4 still reports under the
 * deprecated topic tag, the topic name with {@code .} replaced by {@code _} (KIP-1109). Without it
 * {@code /metrics} shows every lag and fetch series twice, as {@code topic="mosaic.samples"} and
 * {@code topic="mosaic_samples"}, and a dashboard summing lag counts it double.
 *
 * <p>Why by prefix: every topic a mosaic process reads starts with {@code kafka.topic-prefix}, so a
 * Kafka meter whose topic tag starts with the prefix's underscored form is the deprecated copy of
 * one of ours. A prefix without a dot has no such copy (the two tags are equal) and nothing is
 * dropped. Meters that are not Kafka's are never touched.
 */
final class DeprecatedTopicTagFilter implements MeterFilter {
  private final String deprecatedPrefix;

  /**
   * @param topicPrefix {@code kafka.topic-prefix}
   */
  DeprecatedTopicTagFilter(String topicPrefix) {
    this.deprecatedPrefix = topicPrefix.indexOf('.') < 0 ? null : topicPrefix.replace('.', '_');
  }

  @Override
  public MeterFilterReply accept(Meter.Id id) {
    if (deprecatedPrefix == null || !id.getName().startsWith("kafka.")) {
      return MeterFilterReply.NEUTRAL;
    }
    String topic = id.getTag("topic");
    return topic != null && topic.startsWith(deprecatedPrefix)
        ? MeterFilterReply.DENY
        : MeterFilterReply.NEUTRAL;
  }
}
