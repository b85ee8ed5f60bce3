package dev.mosaic.storagebridge.carbon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mosaic.contract.AggregatePoint;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CarbonPickleFormatTest {

  @Test
  void onePointIsTheExactPickle() {
    byte[] message =
        CarbonPickleFormat.message(List.of(new AggregatePoint("a.b", 1.5, 1_700_000_000L)));

    assertThat(HexFormat.of().formatHex(message))
        .isEqualTo(
            "0000001e" // length of what follows: 30 bytes
                + "8002" // PROTO 2
                + "5d28" // EMPTY_LIST, MARK
                + "5803000000612e62" // BINUNICODE "a.b"
                + "4a00f15365" // BININT 1700000000, little-endian
                + "473ff8000000000000" // BINFLOAT 1.5, big-endian
                + "8686" // TUPLE2 (timestamp, value), TUPLE2 (name, ...)
                + "65" // APPENDS
                + "2e"); // STOP
  }

  @Test
  void noPointsIsAnEmptyList() {
    assertThat(HexFormat.of().formatHex(CarbonPickleFormat.message(List.of())))
        .isEqualTo("00000004" + "8002" + "5d" + "2e");
  }

  @Test
  void anUnwritableNameIsRefused() {
    assertThatThrownBy(() -> CarbonPickleFormat.message(List.of(new AggregatePoint("a..b", 1, 1L))))
        .isInstanceOf(IllegalArgumentException.class);
  }

  /** Python's own unpickler reads back every name, timestamp and value exactly. */
  @Test
  void pythonUnpicklesEveryPointExactly(@TempDir Path dir) throws Exception {
    Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/python3")), "no /usr/bin/python3");
    List<AggregatePoint> points =
        List.of(
            new AggregatePoint("stats.gauges.caf\u00e9;host=web1", 0.1, 1_700_000_000L),
            new AggregatePoint("stats.a", -3.0, 0L),
            new AggregatePoint("stats.b", 1.7976931348623157e308, -1L),
            new AggregatePoint("stats.c", 4.9e-324, 4_102_444_800L), // 2100: past 32 bits
            new AggregatePoint("stats.d", 2.5, -2_147_483_649L),
            new AggregatePoint("stats.e", 7, 128L));
    byte[] message = CarbonPickleFormat.message(points);
    Path file = dir.resolve("message.bin");
    Files.write(file, message);

    String script =
        "import pickle,struct,sys\n"
            + "data=open(sys.argv[1],'rb').read()\n"
            + "assert struct.unpack('!L',data[:4])[0]==len(data)-4\n"
            + "for name,(ts,value) in pickle.loads(data[4:]):\n"
            + "  print('%s|%d|%s|%s' % (name, ts, type(ts).__name__, struct.pack('>d', value).hex()))\n";
    Process python =
        new ProcessBuilder("/usr/bin/python3", "-c", script, file.toString())
            .redirectError(new File(dir.toFile(), "err.txt"))
            .start();
    String out = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(python.waitFor()).as(Files.readString(dir.resolve("err.txt"))).isZero();

    assertThat(out.lines().toList())
        .containsExactly(
            "stats.gauges.caf\u00e9;host=web1|1700000000|int|" + bits(0.1),
            "stats.a|0|int|" + bits(-3.0),
            "stats.b|-1|int|" + bits(1.7976931348623157e308),
            "stats.c|4102444800|int|" + bits(4.9e-324),
            "stats.d|-2147483649|int|" + bits(2.5),
            "stats.e|128|int|" + bits(7));
  }

  private static String bits(double value) {
    return String.format("%016x", Double.doubleToRawLongBits(value));
  }
}
