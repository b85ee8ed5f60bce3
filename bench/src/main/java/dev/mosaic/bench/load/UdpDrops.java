package dev.mosaic.bench.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Datagrams the kernel dropped for the sockets bound to one UDP port, from the {@code drops} column
 * of {@code /proc/net/udp} (summed over every socket of the port, e.g. with SO_REUSEPORT). Linux
 * only; elsewhere -1.
 */
final class UdpDrops {
  private UdpDrops() {}

  static long forPort(int port) {
    try {
      long drops = 0;
      for (String file : List.of("/proc/net/udp", "/proc/net/udp6")) {
        Path path = Path.of(file);
        if (!Files.exists(path)) {
          continue;
        }
        for (String line : Files.readAllLines(path)) {
          String[] fields = line.trim().split("\\s+");
          // sl local_address rem_address st ... drops; local_address is HEXIP:HEXPORT
          if (fields.length < 13 || !fields[1].contains(":")) {
            continue;
          }
          String hexPort = fields[1].substring(fields[1].indexOf(':') + 1);
          if (Integer.parseInt(hexPort, 16) == port) {
            drops += Long.parseLong(fields[fields.length - 1]);
          }
        }
      }
      return drops;
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }
}
