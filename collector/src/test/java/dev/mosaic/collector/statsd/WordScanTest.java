package dev.mosaic.collector.statsd;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WordScanTest {
  private final Random random = new Random(20261123);

  @Test
  void indexOfFindsTheFirstMatchAsAByteLoopDoesForEveryRange() {
    // bytes near the searched one, zero and high bytes: the cases a word-wise test can get wrong
    byte[] alphabet = {':', ';', '9', 0, 1, (byte) 0x80, (byte) 0xBA, (byte) 0xFF, 'a', '\n'};
    for (int round = 0; round < 2_000; round++) {
      byte[] bytes = new byte[random.nextInt(40)];
      for (int i = 0; i < bytes.length; i++) {
        bytes[i] = random.nextInt(4) == 0 ? alphabet[random.nextInt(alphabet.length)] : (byte) 'x';
      }
      int start = bytes.length == 0 ? 0 : random.nextInt(bytes.length + 1);
      int end = start + random.nextInt(bytes.length - start + 1);
      for (char c : new char[] {':', '\n', 0xBA}) {
        assertThat(WordScan.indexOf(bytes, start, end, c))
            .isEqualTo(byteLoop(bytes, start, end, c));
      }
    }
  }

  @Test
  void indexOfStopsAtTheRangesEnd() {
    byte[] bytes = "abcdefghij:".getBytes(StandardCharsets.US_ASCII);
    assertThat(WordScan.indexOf(bytes, 0, 10, ':')).isEqualTo(-1);
    assertThat(WordScan.indexOf(bytes, 0, 11, ':')).isEqualTo(10);
    assertThat(WordScan.indexOf(bytes, 3, 3, 'd')).isEqualTo(-1);
  }

  @Test
  void equalRangesHashAlikeWhereverTheyLie() {
    byte[] a = "xxapi.requests.count".getBytes(StandardCharsets.US_ASCII);
    byte[] b = "api.requests.count".getBytes(StandardCharsets.US_ASCII);
    assertThat(WordScan.hash(0, a, 2, a.length)).isEqualTo(WordScan.hash(0, b, 0, b.length));
  }

  @Test
  void rangesThatDifferInOneByteOrInLengthHashApart() {
    Set<Integer> hashes = new HashSet<>();
    byte[] name = new byte[24];
    int ranges = 0;
    for (int length = 0; length <= name.length; length++) {
      for (int position = 0; position < length; position++) {
        byte[] changed = name.clone();
        changed[position] = 1;
        hashes.add(WordScan.finish(WordScan.hash(0, changed, 0, length)));
        ranges++;
      }
      hashes.add(WordScan.finish(WordScan.hash(0, name, 0, length))); // zeros of each length
      ranges++;
    }
    assertThat(hashes).hasSize(ranges);
  }

  private static int byteLoop(byte[] bytes, int start, int end, char c) {
    for (int i = start; i < end; i++) {
      if (bytes[i] == (byte) c) {
        return i;
      }
    }
    return -1;
  }
}
