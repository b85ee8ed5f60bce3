package dev.mosaic.collector.statsd;

import dev.mosaic.contract.MetricSample;
import java.util.ArrayList;
import java.util.List;

/** Keeps everything the parser reports, in order. */
final class RecordingSink implements StatsdSink {
  final List<MetricSample> samples = new ArrayList<>();
  final List<BadLineReason> badLines = new ArrayList<>();
  final List<String> badLineTexts = new ArrayList<>();
  int tagsIgnored;

  @Override
  public void sample(MetricSample sample) {
    samples.add(sample);
  }

  @Override
  public void badLine(BadLineReason reason, CharSequence line) {
    badLines.add(reason);
    badLineTexts.add(line.toString());
  }

  @Override
  public void tagsIgnored() {
    tagsIgnored++;
  }
}
