package dev.mosaic.collector.listener;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import org.junit.jupiter.api.Test;

class ReusedReadBufferTest {
  private final ReusedReadBuffer reused = new ReusedReadBuffer(1024);

  @Test
  void aBufferWhoseDatagramsWereReleasedIsHandedOutAgainCleared() {
    ByteBuf first = reused.take(UnpooledByteBufAllocator.DEFAULT);
    first.writeBytes(new byte[100]).skipBytes(40);
    ByteBuf slice = first.retainedSlice(0, 10); // a datagram, as epoll hands it on
    first.release(); // the read's own reference, as epoll drops it
    slice.release(); // the handler is done with the datagram

    ByteBuf second = reused.take(UnpooledByteBufAllocator.DEFAULT);
    assertThat(second).isSameAs(first);
    assertThat(second.readerIndex()).isZero();
    assertThat(second.writerIndex()).isZero();
    assertThat(second.capacity()).isEqualTo(1024);
    assertThat(second.refCnt()).isEqualTo(2); // the reader's and the kept one
  }

  @Test
  void aBufferStillHeldIsLeftToItsHolderAndANewOneTaken() {
    ByteBuf first = reused.take(UnpooledByteBufAllocator.DEFAULT);
    ByteBuf held = first.retainedSlice(0, 10);
    first.release();

    ByteBuf second = reused.take(UnpooledByteBufAllocator.DEFAULT);
    assertThat(second).isNotSameAs(first);
    assertThat(first.refCnt()).isEqualTo(1); // only the holder's slice keeps it
    held.release();
    assertThat(first.refCnt()).isZero();

    second.release();
    reused.release();
    assertThat(second.refCnt()).isZero();
  }

  @Test
  void releaseFreesTheKeptBufferAndIsRepeatable() {
    ByteBuf buffer = reused.take(UnpooledByteBufAllocator.DEFAULT);
    buffer.release();
    reused.release();
    reused.release();
    assertThat(buffer.refCnt()).isZero();
  }

  @Test
  void readsAreOfTheConfiguredSizeOneRecvmmsgEach() {
    assertThat(reused.newHandle().guess()).isEqualTo(1024);
    assertThat(reused.maxMessagesPerRead()).isEqualTo(1);
  }
}
