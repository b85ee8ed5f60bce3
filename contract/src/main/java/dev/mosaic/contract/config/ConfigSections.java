package dev.mosaic.contract.config;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The top-level sections of a mosaic config file: one per service, plus {@code kafka}. */
public final class ConfigSections {
  private ConfigSections() {}

  public static final List<String> SERVICES =
      List.of("collector", "aggregator", "state-engine", "notifier", "storage-bridge");

  /** The sections a service run alone skips: every other service's. */
  public static Set<String> othersThan(String section) {
    Set<String> others = new HashSet<>(SERVICES);
    others.remove(section);
    return others;
  }
}
