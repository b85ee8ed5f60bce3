package dev.mosaic.collector.statsd;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mosaic.collector.testing.FuzzLines;
import dev.mosaic.contract.MetricSample;
import io.netty.buffer.Unpooled;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The byte parser against the text parser it replaces on the datagram path: for every datagram, the
 * same samples, bad lines (with their texts), tag reports and refusals, in the same order.
 */
class StatsdDatagramParserTest {
  private static final long AT = 1_700_000_000_000L;
  private static final String[] NAME_PIECES = {
    "api", "a", "x.y", "with-dash", "under_score", "Z9", "sp ace", "tab\t", "sl/ash", "é", "日本",
    "\u00a0", "\u2028", "\u3000", "\ufeff", "\ud83d\ude00", ";", "=", "~", "\ufffd", ".", ""
  };
  private static final String[] VALUES = {
    "1",
    "0",
    "-0",
    "+3",
    "-12",
    "3.25",
    ".5",
    "5.",
    "1e3",
    "1E-3",
    "2e+2",
    "0.1",
    "1e400",
    "1e-400",
    "1e301",
    "1e-301",
    "123456789012345678",
    "0.30000000000000004",
    "4.9e-324",
    "",
    "abc",
    "1x",
    "NaN",
    "Infinity",
    "--1",
    "1e",
    "1e+",
    " 1",
    "user-8812",
    "é",
    "0x10"
  };
  private static final String[] TYPES = {"c", "g", "ms", "h", "d", "s", "", "x", "mss", "C", "m"};
  private static final String[] RATES = {
    "@0.5", "@1", "@0.1", "@0", "@2", "@", "@.5", "@1.", "@-1", "@1e-1", "0.5", "@0.5.5", "@é"
  };
  private static final String[] TAGS = {
    "env:prod",
    "region:eu-west-1",
    "canary",
    "canary:",
    "name:x",
    "日本:x",
    "env:日本",
    "",
    "a:b:c",
    "k:v v",
    "b:1,a:2",
    "x/y:z"
  };

  private final Random random = new Random(20261123);

  @ParameterizedTest
  @EnumSource(DogStatsdTagMode.class)
  void bytesAndTextGiveTheSameEventsForGeneratedDatagrams(DogStatsdTagMode mode) {
    StatsdPacketSplitter text = new StatsdPacketSplitter(new StatsdLineParser(mode));
    // a small table, so that both remembered names and names resolved per line are covered
    StatsdDatagramParser bytes = new StatsdDatagramParser(new StatsdLineParser(mode), 64);
    FuzzLines fuzz = new FuzzLines(random.nextLong());
    CappedSink viaText = new CappedSink(300);
    CappedSink viaBytes = new CappedSink(300);
    for (int d = 0; d < 5_000; d++) {
      byte[] datagram = datagram(fuzz);
      boolean truncated = random.nextInt(8) == 0;
      int offset = random.nextInt(4);
      byte[] framed = new byte[offset + datagram.length + random.nextInt(4)];
      System.arraycopy(datagram, 0, framed, offset, datagram.length);

      String decoded = Unpooled.wrappedBuffer(datagram).toString(StandardCharsets.UTF_8);
      int textLines = text.split(decoded, AT, truncated, viaText);
      int byteLines = bytes.parse(framed, offset, datagram.length, AT, truncated, viaBytes);

      if (byteLines != textLines || !viaBytes.events.equals(viaText.events)) {
        // only now, as AssertJ per datagram would be most of the test's time
        assertThat(byteLines).as(decoded).isEqualTo(textLines);
        assertThat(viaBytes.events).as(decoded).isEqualTo(viaText.events);
      }
      viaText.events.clear();
      viaBytes.events.clear();
    }
    assertThat(bytes.rememberedNames()).isEqualTo(64);
    assertThat(viaBytes.refused).isEqualTo(viaText.refused).isPositive();
    assertThat(viaBytes.admitted).isEqualTo(viaText.admitted);
  }

  @Test
  void aKnownNameIsResolvedOnceAndItsAdmissionAskedOnce() {
    StatsdDatagramParser parser = new StatsdDatagramParser(new StatsdLineParser(), 16);
    CappedSink sink = new CappedSink(1);
    byte[] packet = "a:1|c\nb:2|c\na:3|c|#env:prod\na:4|c\nb:5|g".getBytes(StandardCharsets.UTF_8);
    parser.parse(packet, 0, packet.length, AT, false, sink);

    assertThat(sink.events)
        .containsExactly(
            MetricSample.counter("a", 1, 1.0, AT),
            "refused",
            "refused",
            MetricSample.counter("a", 4, 1.0, AT),
            "refused");
    assertThat(sink.asked).containsExactly("a", "b", "a;env=prod");
    assertThat(parser.rememberedNames()).isEqualTo(3);
  }

  @Test
  void aNameWithOnlyBadValuesIsNeverAskedAbout() {
    StatsdDatagramParser parser = new StatsdDatagramParser(new StatsdLineParser(), 16);
    CappedSink sink = new CappedSink(10);
    byte[] packet = "a:x|c\na:1|q".getBytes(StandardCharsets.UTF_8);
    parser.parse(packet, 0, packet.length, AT, false, sink);
    assertThat(sink.asked).isEmpty();
  }

  @Test
  void aFullTableStillParsesNewNames() {
    StatsdDatagramParser parser = new StatsdDatagramParser(new StatsdLineParser(), 2);
    CappedSink sink = new CappedSink(100);
    byte[] packet = "a:1|c\nb:1|c\nc:1|c\nc:2|c".getBytes(StandardCharsets.UTF_8);
    parser.parse(packet, 0, packet.length, AT, false, sink);
    assertThat(sink.events).hasSize(4);
    assertThat(sink.asked).containsExactly("a", "b", "c", "c");
    assertThat(parser.rememberedNames()).isEqualTo(2);
  }

  @Test
  void theTableGrowsToItsCapAndKeepsEveryName() {
    int names = 5_000; // several doublings past the first slots
    StatsdDatagramParser parser = new StatsdDatagramParser(new StatsdLineParser(), names);
    CappedSink sink = new CappedSink(names);
    for (int round = 0; round < 2; round++) {
      for (int n = 0; n < names; n++) {
        byte[] line = ("grow." + n + ":1|c").getBytes(StandardCharsets.UTF_8);
        parser.parse(line, 0, line.length, AT, false, sink);
      }
    }
    assertThat(parser.rememberedNames()).isEqualTo(names);
    assertThat(sink.asked).hasSize(names).doesNotHaveDuplicates();
    assertThat(sink.events)
        .hasSize(2 * names)
        .element(names + 4321)
        .isEqualTo(MetricSample.counter("grow.4321", 1, 1.0, AT));
  }

  private byte[] datagram(FuzzLines fuzz) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int lines = 1 + random.nextInt(25);
    for (int i = 0; i < lines; i++) {
      byte[] line =
          switch (random.nextInt(4)) {
            case 0 -> fuzz.statsdLine().getBytes(StandardCharsets.UTF_8);
            case 1 -> withInvalidUtf8(grammarLine());
            default -> grammarLine();
          };
      out.writeBytes(line);
      if (i + 1 < lines || random.nextBoolean()) {
        switch (random.nextInt(8)) {
          case 0 -> out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
          case 1 -> out.writeBytes("\n\n".getBytes(StandardCharsets.US_ASCII));
          case 2 -> out.writeBytes("\r\r\n".getBytes(StandardCharsets.US_ASCII));
          default -> out.write('\n');
        }
      }
    }
    return out.toByteArray();
  }

  /** A line built from the grammar's pieces, well-formed or nearly so. */
  private byte[] grammarLine() {
    StringBuilder line = new StringBuilder();
    // few distinct names, so that most repeat and the table's hits are compared too
    int pieces = random.nextInt(10) == 0 ? 1 + random.nextInt(3) : 1;
    for (int i = 0; i < pieces; i++) {
      line.append(pick(NAME_PIECES));
    }
    if (random.nextInt(3) > 0) {
      line.append(random.nextInt(40));
    }
    String tags = random.nextInt(3) == 0 ? "|#" + pick(TAGS) + maybe("," + pick(TAGS)) : "";
    boolean tagsBeforeRate = random.nextBoolean();
    int values = random.nextInt(8) == 0 ? random.nextInt(4) : 1;
    for (int v = 0; v < values; v++) {
      line.append(':').append(pick(VALUES));
      if (random.nextInt(12) > 0) {
        line.append('|').append(pick(TYPES));
      }
      if (tagsBeforeRate && v == values - 1) {
        line.append(tags);
      }
      if (random.nextInt(3) == 0) {
        line.append('|').append(pick(RATES));
      }
      if (random.nextInt(15) == 0) {
        line.append("|c:1234|T1700000000");
      }
    }
    if (!tagsBeforeRate) {
      line.append(tags);
    }
    return line.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** Inserts or overwrites with bytes that are not (all) valid UTF-8. */
  private byte[] withInvalidUtf8(byte[] line) {
    byte[][] bad = {
      {(byte) 0xff},
      {(byte) 0x80},
      {(byte) 0xc3},
      {(byte) 0xe2, (byte) 0x82},
      {(byte) 0xf0, (byte) 0x9f, (byte) 0x98},
      {(byte) 0xc0, (byte) 0x80},
      {(byte) 0xed, (byte) 0xa0, (byte) 0x80},
      {(byte) 0xf4, (byte) 0x90, (byte) 0x80, (byte) 0x80},
      {(byte) 0xc3, (byte) 0xa9}
    };
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int at = line.length == 0 ? 0 : random.nextInt(line.length + 1);
    out.write(line, 0, at);
    out.writeBytes(bad[random.nextInt(bad.length)]);
    int skip = random.nextBoolean() ? 0 : Math.min(1, line.length - at);
    out.write(line, at + skip, line.length - at - skip);
    return out.toByteArray();
  }

  private String maybe(String text) {
    return random.nextBoolean() ? text : "";
  }

  private String pick(String[] options) {
    return options[random.nextInt(options.length)];
  }

  /** Records every event in order, under a cap on distinct names like the listener's. */
  private static final class CappedSink implements StatsdSink {
    final List<Object> events = new ArrayList<>();
    final List<String> asked = new ArrayList<>();
    private final int maxNames;
    private final Set<String> names = new HashSet<>();
    long admitted;
    long refused;

    CappedSink(int maxNames) {
      this.maxNames = maxNames;
    }

    @Override
    public void sample(MetricSample sample) {
      if (admit(sample.name())) {
        admittedSample(sample);
      } else {
        refusedSample();
      }
    }

    @Override
    public boolean admits(String name) {
      asked.add(name);
      return admit(name);
    }

    private boolean admit(String name) {
      if (names.contains(name)) {
        return true;
      }
      return names.size() < maxNames && names.add(name);
    }

    @Override
    public void admittedSample(MetricSample sample) {
      admitted++;
      events.add(sample);
    }

    @Override
    public void refusedSample() {
      refused++;
      events.add("refused");
    }

    @Override
    public void badLine(BadLineReason reason, CharSequence line) {
      events.add(reason + " " + line);
    }

    @Override
    public void tagsIgnored() {
      events.add("tagsIgnored");
    }
  }
}
