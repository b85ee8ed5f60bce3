package dev.mosaic.storagebridge.carbon;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Picks the destination of a metric exactly as carbon-relay's {@code consistent-hashing} router
 * does with its default {@code carbon_ch} hash and a replication factor of 1.
 *
 * <pre>
 * AggregatePoint.name → ConsistentHashRing.destinationFor → that destination's CarbonSender
 * </pre>
 *
 * <p>Carbon's rules, from {@code carbon/hashing.py} (graphite-carbon 1.1.7): a position is the
 * first two bytes of the MD5 of the UTF-8 key, big-endian (0 to 65535). Each destination gets 100
 * ring entries keyed {@code str((host, instance)) + ":" + i}, the Python text of a tuple; a
 * position already taken moves up by one until free. A metric goes to the first entry at or after
 * its position, wrapping around. The port plays no part, so the same host and instance on another
 * port is the same node. Immutable and thread-safe.
 */
public final class ConsistentHashRing {
  private static final int REPLICAS = 100;

  private final int[] positions;
  private final CarbonDestination[] owners;

  /**
   * @throws IllegalArgumentException if empty, or two destinations share host and instance (carbon
   *     refuses that too)
   */
  public ConsistentHashRing(List<CarbonDestination> destinations) {
    if (destinations.isEmpty()) {
      throw new IllegalArgumentException("no destinations");
    }
    int size = destinations.size() * REPLICAS;
    long[] entries = new long[size]; // position << 32 | destination index
    Set<Long> taken = new HashSet<>();
    int count = 0;
    for (int d = 0; d < destinations.size(); d++) {
      CarbonDestination destination = destinations.get(d);
      for (int e = 0; e < d; e++) {
        if (nodeKey(destinations.get(e)).equals(nodeKey(destination))) {
          throw new IllegalArgumentException(
              "destinations " + destinations.get(e) + " and " + destination + " are the same node");
        }
      }
      for (int i = 0; i < REPLICAS; i++) {
        long position = position(nodeKey(destination) + ":" + i);
        while (!taken.add(position)) {
          position++;
        }
        entries[count++] = position << 32 | d;
      }
    }
    Arrays.sort(entries); // positions are unique, so this orders by position
    positions = new int[size];
    owners = new CarbonDestination[size];
    for (int i = 0; i < size; i++) {
      positions[i] = (int) (entries[i] >>> 32);
      owners[i] = destinations.get((int) entries[i]);
    }
  }

  /** The destination carbon-relay would send {@code metric} to. */
  public CarbonDestination destinationFor(String metric) {
    int position = (int) position(metric);
    int index = Arrays.binarySearch(positions, position);
    if (index < 0) {
      index = -index - 1; // first entry after the position
    }
    return owners[index % positions.length];
  }

  /** Carbon's {@code carbonHash(key, 'carbon_ch')}: MD5's first 16 bits. */
  static long position(String key) {
    byte[] md5 = md5().digest(key.getBytes(StandardCharsets.UTF_8));
    return ((md5[0] & 0xff) << 8) | (md5[1] & 0xff);
  }

  /** Python's {@code str((host, instance))}, which carbon hashes for a node's ring entries. */
  static String nodeKey(CarbonDestination destination) {
    String instance = destination.instance() == null ? "None" : pythonRepr(destination.instance());
    return "(" + pythonRepr(destination.host()) + ", " + instance + ")";
  }

  /** Python 3's {@code repr} of a string, for the characters a host or instance name can hold. */
  static String pythonRepr(String s) {
    char quote = s.indexOf('\'') >= 0 && s.indexOf('"') < 0 ? '"' : '\'';
    StringBuilder out = new StringBuilder().append(quote);
    s.codePoints()
        .forEach(
            c -> {
              if (c == quote || c == '\\') {
                out.append('\\').appendCodePoint(c);
              } else if (c == '\n') {
                out.append("\\n");
              } else if (c == '\r') {
                out.append("\\r");
              } else if (c == '\t') {
                out.append("\\t");
              } else if (c < 0x20 || c == 0x7f) {
                out.append(String.format("\\x%02x", c));
              } else {
                out.appendCodePoint(c);
              }
            });
    return out.append(quote).toString();
  }

  private static MessageDigest md5() {
    try {
      return MessageDigest.getInstance("MD5");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has MD5", e);
    }
  }
}
