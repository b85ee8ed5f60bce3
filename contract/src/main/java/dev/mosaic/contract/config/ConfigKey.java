package dev.mosaic.contract.config;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;

/**
 * One configuration key: its dotted name, its default (written as a user would write it), how its
 * text becomes a value, and one line of documentation.
 *
 * @param <T> the value's type, carrying its unit ({@link Duration}, bytes as {@code Long})
 */
public final class ConfigKey<T> {
  private final String name;
  private final String defaultText;
  private final Function<String, T> parser;
  private final String doc;

  private ConfigKey(String name, String defaultText, Function<String, T> parser, String doc) {
    this.name = Objects.requireNonNull(name);
    this.defaultText = Objects.requireNonNull(defaultText);
    this.parser = Objects.requireNonNull(parser);
    this.doc = Objects.requireNonNull(doc);
    parse(defaultText); // a default that does not parse is a programming error: fail at class init
  }

  public static ConfigKey<String> string(String name, String defaultText, String doc) {
    return new ConfigKey<>(name, defaultText, text -> text, doc);
  }

  public static ConfigKey<Integer> integer(
      String name, String defaultText, int min, int max, String doc) {
    return new ConfigKey<>(name, defaultText, text -> ValueParsers.integer(text, min, max), doc);
  }

  /** A TCP or UDP port; 0 asks the operating system for a free one. */
  public static ConfigKey<Integer> port(String name, String defaultText, String doc) {
    return new ConfigKey<>(name, defaultText, text -> ValueParsers.integer(text, 0, 65535), doc);
  }

  /** A positive duration such as {@code 10s}, {@code 500ms}, {@code 2m}, {@code 1h}. */
  public static ConfigKey<Duration> duration(String name, String defaultText, String doc) {
    return new ConfigKey<>(name, defaultText, ValueParsers::duration, doc);
  }

  /**
   * A duration that may also be zero, written {@code 0} (or {@code 0ms}, ...): for a period where
   * zero switches something off.
   */
  public static ConfigKey<Duration> durationOrZero(String name, String defaultText, String doc) {
    return new ConfigKey<>(name, defaultText, ValueParsers::durationOrZero, doc);
  }

  /** A size in bytes such as {@code 512}, {@code 64KiB}, {@code 4MiB}; the value is bytes. */
  public static ConfigKey<Long> dataSize(String name, String defaultText, String doc) {
    return new ConfigKey<>(name, defaultText, ValueParsers::dataSize, doc);
  }

  public static ConfigKey<Boolean> bool(String name, String defaultText, String doc) {
    return new ConfigKey<>(name, defaultText, ValueParsers::bool, doc);
  }

  public String name() {
    return name;
  }

  public String defaultText() {
    return defaultText;
  }

  public String doc() {
    return doc;
  }

  /** The environment variable that overrides this key: {@code MOSAIC_} + name, upper case. */
  public String environmentVariable() {
    return "MOSAIC_" + name.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
  }

  /**
   * @throws IllegalArgumentException with a message saying what is wrong with {@code text}
   */
  public T parse(String text) {
    return parser.apply(text.trim());
  }

  @Override
  public String toString() {
    return name;
  }
}
