package dev.mosaic.contract.admin;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.config.NamingConvention;
import io.micrometer.core.instrument.util.HierarchicalNameMapper;
import java.util.regex.Pattern;

/**
 * Names a meter as one Graphite path for the Etsy StatsD flavour: {@code mosaic.<service>.<metric>}
 * followed by {@code .<tag>.<value>} for each tag, in tag key order.
 *
 * <pre>
 *   mosaic.collector.samples.received{listener=statsd}   → mosaic.collector.samples.received.listener.statsd
 *   jvm.memory.used{area=heap,id=G1 Eden Space} (stack) → mosaic.stack.jvm.memory.used.area.heap.id.G1_Eden_Space
 * </pre>
 *
 * <p>A meter not already named {@code mosaic.*} (JVM, Kafka client) goes under {@code
 * mosaic.<process>.}. In tag values every character other than letters, digits, {@code _} and
 * {@code -} becomes {@code _}: a dot would add a Graphite level (topic {@code mosaic.samples}), and
 * spaces, quotes or colons are not safe in a carbon path or a StatsD line. The {@code statistic}
 * tag the Etsy line builder adds is dropped for the one-value meters ({@code value}, {@code
 * count}).
 */
final class GraphiteNameMapper implements HierarchicalNameMapper {
  private static final Pattern UNSAFE = Pattern.compile("[^A-Za-z0-9_-]");

  private final String process;

  GraphiteNameMapper(String process) {
    this.process = process;
  }

  @Override
  public String toHierarchicalName(Meter.Id id, NamingConvention convention) {
    StringBuilder name = new StringBuilder();
    if (!id.getName().startsWith("mosaic.")) {
      name.append("mosaic.").append(process).append('.');
    }
    name.append(id.getName());
    for (Tag tag : id.getTagsAsIterable()) {
      if (tag.getKey().equals("statistic")
          && (tag.getValue().equals("value") || tag.getValue().equals("count"))) {
        continue;
      }
      name.append('.').append(safe(tag.getKey())).append('.').append(safe(tag.getValue()));
    }
    return name.toString();
  }

  private static String safe(String text) {
    return UNSAFE.matcher(text).replaceAll("_");
  }
}
