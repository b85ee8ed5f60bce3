package dev.mosaic.contract.service;

import java.util.Objects;

/**
 * The answer of one health or readiness check: up or down, and one line a person can act on.
 *
 * @param up whether the thing checked is fine
 * @param detail why, e.g. {@code "3 partitions assigned, max lag 12"}; never null
 */
public record Probe(boolean up, String detail) {
  public Probe {
    Objects.requireNonNull(detail);
  }

  public static Probe up(String detail) {
    return new Probe(true, detail);
  }

  public static Probe down(String detail) {
    return new Probe(false, detail);
  }
}
