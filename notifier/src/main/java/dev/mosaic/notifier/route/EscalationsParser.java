package dev.mosaic.notifier.route;

import dev.mosaic.notifier.escalation.EscalationPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the {@code escalations:} section of a routes file; every level's receivers must resolve.
 *
 * <pre>
 * RoutesFileParser → EscalationsParser → Map of EscalationPolicy by name → Routing
 * </pre>
 */
final class EscalationsParser {
  private static final Set<String> FIELDS = Set.of("name", "levels");
  private static final Set<String> LEVEL_FIELDS = Set.of("after", "receivers");

  private EscalationsParser() {}

  /**
   * @param targets receiver names and {@code oncall:<schedule>} targets that exist
   */
  static Map<String, EscalationPolicy> parse(String file, YamlNode node, Set<String> targets)
      throws RoutesFileException {
    Map<String, EscalationPolicy> policies = new LinkedHashMap<>();
    for (YamlNode item : RoutesFileParser.sequence(file, node, "escalations")) {
      YamlFields fields = YamlFields.of(file, item, "an escalation");
      fields.allowOnly(FIELDS);
      String name = fields.requiredText("name");
      List<EscalationPolicy.Level> levels = new ArrayList<>();
      for (YamlNode levelNode :
          RoutesFileParser.sequence(file, item.mapping().get("levels"), "levels")) {
        levels.add(level(file, levelNode, targets));
      }
      if (levels.isEmpty()) {
        throw new RoutesFileException(file, item.line(), "escalation '" + name + "' needs levels");
      }
      if (policies.put(name, new EscalationPolicy(name, levels)) != null) {
        throw new RoutesFileException(
            file, item.line(), "escalation '" + name + "' is declared twice");
      }
    }
    return policies;
  }

  private static EscalationPolicy.Level level(String file, YamlNode node, Set<String> targets)
      throws RoutesFileException {
    YamlFields fields = YamlFields.of(file, node, "an escalation level");
    fields.allowOnly(LEVEL_FIELDS);
    Duration after = fields.duration("after");
    if (after == null || after.isZero()) {
      throw new RoutesFileException(
          file, node.line(), "an escalation level needs a positive 'after'");
    }
    List<String> receivers =
        RoutesFileParser.targets(file, node.mapping().get("receivers"), targets);
    if (receivers.isEmpty()) {
      throw new RoutesFileException(file, node.line(), "an escalation level needs receivers");
    }
    return new EscalationPolicy.Level(after, receivers);
  }
}
