package dev.mosaic.launcher;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * A fixed, varied set of StatsD datagrams that mosaic and Etsy StatsD 0.9.0 must aggregate alike.
 *
 * <pre>
 *   StatsdCorpus.packets() → the same datagrams to Etsy StatsD and to mosaic's collector
 * </pre>
 *
 * <p>Every metric name starts with {@code corpus.}. Left out, because mosaic differs from Etsy on
 * purpose (docs/collector.md, docs/aggregator.md), so comparing them would prove nothing:
 *
 * <ul>
 *   <li>{@code |h}, unknown or padded types ({@code |zz}, {@code |c }), DogStatsD tags, and {@code
 *       ;} or {@code =} in names: Etsy counts the first as counters and keeps the last as tag
 *       syntax, mosaic rejects or drops them;
 *   <li>values Etsy's {@code Number()} takes and mosaic's decimal grammar does not: whitespace
 *       around them, hex, {@code Infinity}, an empty counter value (Etsy: 1);
 *   <li>sample rates outside (0, 1], empty names, names whose sanitised form has an empty path
 *       component (the storage bridge drops those, carbon cannot store them), carriage returns;
 *   <li>fractional gauge deltas on a gauge with an earlier level (mosaic sums an interval's deltas
 *       first), and non-integer values in the timer that exceeds the exact bound (its sums are then
 *       added in arrival order, not Etsy's ascending order).
 * </ul>
 */
final class StatsdCorpus {
  /** The timer with more values than {@code aggregator.exact-timer-samples} (128). */
  static final String HISTOGRAM_TIMER = "corpus.timer.big";

  private static final int MAX_PACKET_BYTES = 1_000;
  private static final String[] COUNTER_RATES = {
    "", "", "", "|@1", "|@0.5", "|@.5", "|@0.25", "|@0.125", "|@0.1", "|@0.01", "|@0.3"
  };
  private static final String[] TIMER_RATES = {"", "", "", "|@0.5", "|@0.25", "|@0.1", "|@0.3"};
  private static final String[] NUMBER_FORMS = {"1e2", "2.5e-3", ".25", "5.", "0", "+7"};

  private StatsdCorpus() {}

  /** The datagrams, always the same ones and in the same order. */
  static List<String> packets() {
    Random random = new Random(3_0900L);
    List<String> lines = new ArrayList<>();
    counters(random, lines);
    gauges(random, lines);
    timers(random, lines);
    sets(random, lines);
    names(lines);
    valueFormats(lines);
    badLines(lines);
    Collections.shuffle(lines, random);
    return pack(random, lines);
  }

  private static void counters(Random random, List<String> lines) {
    for (int i = 0; i < 20; i++) {
      int samples = 1 + random.nextInt(8);
      for (int j = 0; j < samples; j++) {
        String value =
            switch (random.nextInt(4)) {
              case 0 -> decimal(random, 10);
              case 1 -> NUMBER_FORMS[random.nextInt(NUMBER_FORMS.length)];
              default -> Integer.toString(random.nextInt(60) - 5);
            };
        lines.add("corpus.counter.c" + i + ":" + value + "|c" + pick(random, COUNTER_RATES));
      }
    }
    lines.add("corpus.counter.multi:1|c:2|c|@0.5:-3|c");
  }

  private static void gauges(Random random, List<String> lines) {
    for (int i = 0; i < 15; i++) {
      int changes = 1 + random.nextInt(5);
      for (int j = 0; j < changes; j++) {
        String value =
            switch (random.nextInt(5)) {
              case 0, 1 -> decimal(random, 1000);
              case 2 -> NUMBER_FORMS[random.nextInt(NUMBER_FORMS.length - 1)];
              default -> (random.nextBoolean() ? "+" : "-") + random.nextInt(20);
            };
        lines.add("corpus.gauge.g" + i + ":" + value + "|g");
      }
    }
    // Sign edge cases; one line keeps their order through the shuffle.
    lines.add("corpus.gauge.fresh_negative:-5|g");
    lines.add("corpus.gauge.fresh_plus_zero:+0|g");
    lines.add("corpus.gauge.fresh_fractions:+0.5|g:-0.25|g:+1.125|g");
    lines.add("corpus.gauge.zero_then_delta:0|g:+3|g");
    lines.add("corpus.gauge.set_then_deltas:21.5|g:+2|g:-10|g:+0|g");
    lines.add("corpus.gauge.delta_then_set:+4|g:17|g:-1|g");
    lines.add("corpus.gauge.back_to_zero:3|g:-3|g:-2|g");
  }

  private static void timers(Random random, List<String> lines) {
    for (int i = 0; i < 12; i++) {
      int samples = 1 + random.nextInt(30);
      for (int j = 0; j < samples; j++) {
        String value = random.nextInt(5) == 0 ? "0" : decimal(random, 2000);
        lines.add("corpus.timer.t" + i + ":" + value + "|ms" + pick(random, TIMER_RATES));
      }
    }
    lines.add("corpus.timer.single:42|ms");
    lines.add("corpus.timer.pair:1|ms:2.5|ms|@0.5");
    lines.add("corpus.timer.zero:0|ms");
    lines.add("corpus.mixed:1|c:5|ms:7|g:x|s");
    for (int i = 0; i < 300; i++) {
      // Whole numbers: beyond the exact bound sums are taken in arrival order, and these stay
      // exact.
      int value = random.nextInt(3) == 0 ? 1 + random.nextInt(5_000) : 20 + random.nextInt(200);
      lines.add(HISTOGRAM_TIMER + ":" + value + "|ms" + pick(random, TIMER_RATES));
    }
  }

  private static void sets(Random random, List<String> lines) {
    for (int i = 0; i < 160; i++) {
      lines.add("corpus.set.users:user-" + random.nextInt(220) + "|s");
    }
    for (String member : new String[] {"", "0", "a b", "ü", "x", "x", "1.5", "-1"}) {
      lines.add("corpus.set.odd_members:" + member + "|s");
    }
    lines.add("corpus.set.with_rate:a|s|@0.5");
  }

  /** Every legal character, and names that sanitising changes or merges. */
  private static void names(List<String> lines) {
    lines.add(
        "corpus.legal.ABCDEFGHIJKLMNOPQRSTUVWXYZ.abcdefghijklmnopqrstuvwxyz.0123456789_-:1|c");
    lines.add("corpus.needs sanitising.two  spaces\tand\ttabs:2|c");
    lines.add("corpus.slash/in/name:3|c");
    lines.add("corpus.illegal!@#$%^&*()+[]{}'\"<>?,~`\\chars:4|ms");
    lines.add("corpus.unicode.x é y:5|g");
    lines.add("corpus.nbsp\u00a0name\u3000and ideographic space:6|c");
    lines.add("corpus.emoji\uD83D\uDE00name:7|c");
    lines.add("corpus.leading. space:8|c");
    lines.add("corpus.merge/a:1|c");
    lines.add("corpus.merge-a:10|c");
  }

  /** Values whose Graphite text switches to or from an exponent, or has many digits. */
  private static void valueFormats(List<String> lines) {
    lines.add("corpus.format.exponent_gauge:1e21|g");
    lines.add("corpus.format.below_exponent_gauge:123456789012345678000|g");
    lines.add("corpus.format.small_gauge:1.5e-7|g");
    lines.add("corpus.format.micro_gauge:0.000001|g");
    lines.add("corpus.format.small_counter:3e-7|c");
    lines.add("corpus.format.thirds_counter:1|c|@0.3");
    lines.add("corpus.format.small_timer:0.000001|ms:1e-7|ms:3e-7|ms");
    lines.add("corpus.format.huge_timer:1e20|ms:3e21|ms");
  }

  /** Lines both reject; the lines around them must still count. */
  private static void badLines(List<String> lines) {
    lines.add("corpus.bad.value:abc|c");
    lines.add("corpus.bad.negative_timer:-1|ms");
    lines.add("corpus.bad.no_value");
    lines.add("corpus.bad.no_type:1");
    lines.add("corpus.bad.rate_without_at:1|c|0.5");
    lines.add("corpus.bad.gauge:x|g");
  }

  /** Groups the lines into datagrams: some alone, some with up to 7 others. */
  private static List<String> pack(Random random, List<String> lines) {
    List<String> packets = new ArrayList<>();
    int next = 0;
    while (next < lines.size()) {
      int wanted = random.nextInt(10) < 6 ? 1 : 2 + random.nextInt(7);
      StringBuilder packet = new StringBuilder(lines.get(next++));
      for (int i = 1; i < wanted && next < lines.size(); i++) {
        String line = lines.get(next);
        if (bytes(packet) + 1 + bytes(line) > MAX_PACKET_BYTES) {
          break;
        }
        packet.append('\n').append(line);
        next++;
      }
      if (random.nextInt(4) == 0) {
        packet.append('\n'); // a trailing newline ends in an empty line, which both skip
      }
      packets.add(packet.toString());
    }
    return packets;
  }

  private static String decimal(Random random, int below) {
    return random.nextInt(below) + "." + random.nextInt(1000);
  }

  private static String pick(Random random, String[] choices) {
    return choices[random.nextInt(choices.length)];
  }

  private static int bytes(CharSequence text) {
    return text.toString().getBytes(StandardCharsets.UTF_8).length;
  }
}
