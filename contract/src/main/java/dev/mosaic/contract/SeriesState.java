package dev.mosaic.contract;

/** The state of one series under one check, as the state engine sees it. */
public enum SeriesState {
  OK,
  WARNING,
  CRITICAL,
  /** No value arrived for longer than the check's no-data duration. */
  UNKNOWN
}
