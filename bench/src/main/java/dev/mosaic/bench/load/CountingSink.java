package dev.mosaic.bench.load;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.Writer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A UDP socket that only counts the datagrams it reads, in its own JVM so that the harness's CPU
 * reading ({@code /proc/self/stat}) holds the generator alone: the receiving side of {@code
 * --systems=sink}.
 *
 * <pre>
 * harness: CountingSink.start() → child JVM: main() binds 127.0.0.1:0, prints "port N"
 *   → each line the harness writes → the child prints the datagrams read so far
 * </pre>
 */
final class CountingSink implements AutoCloseable {
  private final Process process;
  private final BufferedReader output;
  private final Writer input;
  private final int port;

  private CountingSink(Process process) throws IOException {
    this.process = process;
    output =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.US_ASCII));
    input = process.outputWriter(StandardCharsets.US_ASCII);
    String first = output.readLine();
    if (first == null || !first.startsWith("port ")) {
      throw new IOException("the counting sink did not start: " + first);
    }
    port = Integer.parseInt(first.substring(5));
  }

  static CountingSink start() throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command =
        List.of(
            java,
            "-Xmx64m",
            "-cp",
            System.getProperty("java.class.path"),
            CountingSink.class.getName());
    Process process =
        new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    return new CountingSink(process);
  }

  int port() {
    return port;
  }

  long pid() {
    return process.pid();
  }

  /** Datagrams read so far. */
  long received() throws IOException {
    input.write('\n');
    input.flush();
    String line = output.readLine();
    if (line == null) {
      throw new IOException("the counting sink exited");
    }
    return Long.parseLong(line);
  }

  @Override
  public void close() {
    ChildProcess.stop(process);
  }

  /**
   * The child: reads and counts datagrams on one thread, answers each stdin line with the count.
   */
  public static void main(String[] args) throws IOException {
    DatagramChannel channel = DatagramChannel.open();
    channel.setOption(StandardSocketOptions.SO_RCVBUF, 8 << 20);
    channel.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    AtomicLong count = new AtomicLong();
    Thread reader =
        new Thread(
            () -> {
              ByteBuffer buffer = ByteBuffer.allocateDirect(65_536);
              try {
                while (true) {
                  buffer.clear();
                  channel.receive(buffer);
                  count.incrementAndGet();
                }
              } catch (IOException e) {
                System.err.println("counting sink: " + e);
              }
            },
            "sink-reader");
    reader.setDaemon(true);
    reader.start();
    PrintStream out = System.out;
    out.println("port " + ((InetSocketAddress) channel.getLocalAddress()).getPort());
    out.flush();
    BufferedReader commands =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.US_ASCII));
    while (commands.readLine() != null) {
      out.println(count.get());
      out.flush();
    }
  }
}
