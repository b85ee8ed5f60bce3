package dev.mosaic.collector.statsd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class StatsdNameSanitizerTest {

  // Expected values are Etsy StatsD 0.9.0's sanitizeKeyName, run in Node.js 20, with ';' and '='
  // removed from its kept set as mosaic's issue specifies.
  static Stream<Arguments> etsyOutputs() {
    return Stream.of(
        arguments("api.requests", "api.requests"),
        arguments("foo bar", "foo_bar"),
        arguments("foo  \t bar", "foo_bar"),
        arguments(" lead", "_lead"),
        arguments("trail\t", "trail_"),
        arguments("a/b/c", "a-b-c"),
        arguments("a / b", "a_-_b"),
        arguments("ünïcödé.count", "ncd.count"),
        arguments("日本語", ""),
        arguments("emoji 😀 x", "emoji__x"),
        arguments("a\u00a0b", "a_b"),
        arguments("a\u2003\u3000b", "a_b"),
        arguments("\ufeffbom", "_bom"),
        arguments("a\u000bb\fc", "a_b_c"),
        arguments("x é y", "x__y"),
        arguments("a;b=c", "abc"),
        arguments("app.req;env=prod", "app.reqenvprod"),
        arguments("a+b*c?d#e", "abcde"),
        arguments("a-b_c.D9", "a-b_c.D9"),
        arguments("..dots..", "..dots.."),
        arguments("tab\tand space", "tab_and_space"),
        arguments("a\u200bb", "ab"),
        arguments("a\u180eb", "ab"),
        arguments("a\u0085b", "ab"),
        arguments("a\u2028b", "a_b"),
        arguments("/", "-"),
        arguments("  ", "_"),
        arguments("é", ""),
        arguments(";=", ""),
        arguments("café à/la carte", "caf_-la_carte"));
  }

  @ParameterizedTest(name = "[{index}] \"{0}\" → \"{1}\"")
  @MethodSource("etsyOutputs")
  void matchesEtsy(String name, String expected) {
    assertThat(StatsdNameSanitizer.sanitize(name)).isEqualTo(expected);
  }

  @Test
  void everyUtf16CodeUnitIsKeptReplacedOrDropped() {
    // JavaScript's \s, listed by Node.js 20 over all 65536 code units.
    Set<Character> whitespace =
        Set.of(
            '\t', '\n', '\u000b', '\f', '\r', ' ', '\u00a0', '\u1680', '\u2000', '\u2001', '\u2002',
            '\u2003', '\u2004', '\u2005', '\u2006', '\u2007', '\u2008', '\u2009', '\u200a',
            '\u2028', '\u2029', '\u202f', '\u205f', '\u3000', '\ufeff');
    String kept = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.-";
    for (int i = 0; i <= 0xFFFF; i++) {
      char c = (char) i;
      String expected;
      if (whitespace.contains(c)) {
        expected = "x_y";
      } else if (c == '/') {
        expected = "x-y";
      } else if (kept.indexOf(c) >= 0) {
        expected = "x" + c + "y";
      } else {
        expected = "xy";
      }
      assertThat(StatsdNameSanitizer.sanitize("x" + c + "y")).as("U+%04X", i).isEqualTo(expected);
    }
  }

  @Test
  void sanitisesOnlyTheGivenRange() {
    assertThat(StatsdNameSanitizer.sanitize("ignored|my app:1|c", 8, 14)).isEqualTo("my_app");
    assertThat(StatsdNameSanitizer.sanitize("ignored|clean:1|c", 8, 13)).isEqualTo("clean");
  }
}
