package dev.mosaic.bench.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time of one process from {@code /proc/<pid>/stat} (user + system, all threads), so the
 * harness can report each process's CPU % over a step. Linux only; elsewhere every reading is -1.
 */
final class ProcCpu {
  /** USER_HZ: the unit of {@code utime}/{@code stime}; 100 on every mainstream Linux build. */
  private static final double TICKS_PER_SECOND = 100.0;

  private ProcCpu() {}

  /** Seconds of CPU the process has used, or -1 if unknown (not Linux, process gone). */
  static double cpuSeconds(long pid) {
    double[] split = userAndSystemSeconds(pid);
    return split == null ? -1 : split[0] + split[1];
  }

  /**
   * Seconds all processors have spent in softirq handlers since boot ({@code /proc/stat}), or NaN
   * if unknown. On loopback the receiving half of a datagram's trip runs there, on the sender's
   * processor and (without IRQ time accounting) in the sender's system time.
   */
  static double machineSoftirqSeconds() {
    try (var lines = Files.lines(Path.of("/proc/stat"))) {
      String total = lines.findFirst().orElseThrow(); // "cpu  user nice system idle ..."
      String[] fields = total.trim().split("\\s+");
      return Long.parseLong(fields[7]) / TICKS_PER_SECOND; // softirq, the 7th number
    } catch (IOException | RuntimeException e) {
      return Double.NaN;
    }
  }

  /**
   * Seconds of CPU the process has used in user mode and in the kernel, or null if unknown: a
   * sender's kernel share is the network stack, which no batching of system calls removes.
   */
  static double[] userAndSystemSeconds(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      // The command name (field 2) is in parentheses and may hold spaces: count after its end.
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      long utime = Long.parseLong(fields[11]); // field 14
      long stime = Long.parseLong(fields[12]); // field 15
      return new double[] {utime / TICKS_PER_SECOND, stime / TICKS_PER_SECOND};
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }
}
