package dev.mosaic.notifier.escalation;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Who is told next when an incident stays unacknowledged. The route's own receivers are level 0;
 * {@code levels.get(0)} is level 1.
 *
 * @param name how routes refer to it
 * @param levels in order; not empty
 */
public record EscalationPolicy(String name, List<Level> levels) {
  public EscalationPolicy {
    Objects.requireNonNull(name, "name");
    levels = List.copyOf(levels);
    if (levels.isEmpty()) {
      throw new IllegalArgumentException("an escalation policy needs at least one level");
    }
  }

  /**
   * One level.
   *
   * @param after how long after the previous level (level 0: the incident's opening) this level is
   *     notified if the incident is still unacknowledged; positive
   * @param targets receiver names or {@code oncall:<schedule>}
   */
  public record Level(Duration after, List<String> targets) {
    public Level {
      targets = List.copyOf(targets);
      if (after.isNegative() || after.isZero()) {
        throw new IllegalArgumentException("a level's wait must be positive: " + after);
      }
      if (targets.isEmpty()) {
        throw new IllegalArgumentException("a level needs receivers");
      }
    }
  }
}
