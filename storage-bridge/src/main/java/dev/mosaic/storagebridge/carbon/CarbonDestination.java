package dev.mosaic.storagebridge.carbon;

import java.util.Objects;

/**
 * One carbon receiver the bridge writes to, written as carbon-relay writes its {@code
 * DESTINATIONS}: {@code host:port[:instance]}, an IPv6 host in brackets.
 *
 * <pre>
 * storage-bridge.carbon.destinations → CarbonDestination → ConsistentHashRing / CarbonSender
 * </pre>
 *
 * @param host host name or address, without brackets
 * @param port TCP port, 1 to 65535
 * @param instance carbon-cache instance name, or {@code null} when not given (carbon's {@code
 *     None})
 */
public record CarbonDestination(String host, int port, String instance) {
  public CarbonDestination {
    Objects.requireNonNull(host, "host");
    if (host.isEmpty()) {
      throw new IllegalArgumentException("the host is empty");
    }
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port " + port + " is out of range (1 to 65535)");
    }
  }

  /**
   * Parses {@code host:port}, {@code host:port:instance} or {@code [v6]:port[:instance]} as
   * carbon's {@code parseDestination} does: the instance is everything after the port's colon.
   *
   * @throws IllegalArgumentException saying what is wrong
   */
  public static CarbonDestination parse(String text) {
    String s = text.strip();
    String host;
    String rest;
    int bracketEnd = s.indexOf("]:");
    if (s.startsWith("[") && bracketEnd > 0) {
      host = s.substring(1, bracketEnd);
      rest = s.substring(bracketEnd + 2);
    } else {
      int colon = s.indexOf(':');
      if (colon < 0) {
        throw new IllegalArgumentException("\"" + s + "\" is not host:port[:instance]");
      }
      host = s.substring(0, colon);
      rest = s.substring(colon + 1);
    }
    String instance = null;
    int colon = rest.indexOf(':');
    if (colon >= 0) {
      instance = rest.substring(colon + 1);
      rest = rest.substring(0, colon);
    }
    int port;
    try {
      port = Integer.parseInt(rest);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("\"" + s + "\" has no numeric port");
    }
    return new CarbonDestination(host, port, instance);
  }

  /** How it is written in config and logs: {@code host:port[:instance]}. */
  @Override
  public String toString() {
    String h = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
    return h + ":" + port + (instance == null ? "" : ":" + instance);
  }
}
