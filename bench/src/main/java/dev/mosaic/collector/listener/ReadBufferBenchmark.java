package dev.mosaic.collector.listener;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * What the StatsD listener's read buffer costs per read: taken from Netty's default allocator each
 * time (as with {@code FixedRecvByteBufAllocator}) or kept by {@link ReusedReadBuffer}.
 *
 * <pre>
 * epoll read → [read buffer: allocate, recvmmsg writes a datagram per slot, release]
 * </pre>
 *
 * <p>The buffer is the default one, 16 slots of 64 KiB; each slot's first byte is written, as a
 * small datagram would be. Run with {@code -jvmArgs -Xmx512m} to see the allocator's behaviour with
 * a heap of 1 GiB or less.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
public class ReadBufferBenchmark {
  private static final int SLOT = 64 * 1024;
  private static final int SIZE = SLOT * StatsdUdpListener.DATAGRAMS_PER_READ;

  private final ByteBufAllocator allocator = ByteBufAllocator.DEFAULT;
  private final ReusedReadBuffer reused = new ReusedReadBuffer(SIZE);

  @TearDown
  public void release() {
    reused.release();
  }

  @Benchmark
  public int newBufferPerRead() {
    return fillAndRelease(allocator.ioBuffer(SIZE, SIZE));
  }

  @Benchmark
  public int reusedBuffer() {
    return fillAndRelease(reused.take(allocator));
  }

  private static int fillAndRelease(ByteBuf buffer) {
    for (int offset = 0; offset < SIZE; offset += SLOT) {
      buffer.setByte(offset, 'a');
    }
    int capacity = buffer.capacity();
    buffer.release();
    return capacity;
  }
}
