package dev.mosaic.collector.publish;

import java.util.function.LongConsumer;

/**
 * Whether the batchers fold repeated samples of a series ({@code collector.publish.fold}), and
 * where they count the samples folded away.
 *
 * <pre>
 * CollectorService → PerThreadBatchers → SampleBatcher → FoldingBatch
 * </pre>
 *
 * @param enabled false: every sample is published as received
 * @param foldedSamples called with the number folded away from a batch when it is published, on the
 *     publishing thread under the batcher's lock; must return promptly ({@code
 *     mosaic.collector.samples.folded})
 */
public record SampleFolding(boolean enabled, LongConsumer foldedSamples) {
  /** Folding off, nothing to count. */
  public static final SampleFolding OFF = new SampleFolding(false, folded -> {});
}
