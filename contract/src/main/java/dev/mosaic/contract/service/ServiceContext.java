package dev.mosaic.contract.service;

import dev.mosaic.contract.KafkaSettings;
import dev.mosaic.contract.config.MosaicConfig;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;

/**
 * What every service is built from.
 *
 * @param config resolved configuration, holding at least the service's own keys and {@code kafka.*}
 * @param kafka where Kafka is and how topics are named
 * @param meters where the service registers its self-metrics
 * @param clock the only source of time for anything with an interval
 */
public record ServiceContext(
    MosaicConfig config, KafkaSettings kafka, MeterRegistry meters, Clock clock) {}
