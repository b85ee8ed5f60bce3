package dev.mosaic.contract.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Resolves configuration from, in rising precedence: each key's default, a YAML file, environment
 * variables {@code MOSAIC_<KEY>}, and command-line arguments {@code --<key>=<value>}.
 *
 * <p>The YAML file may nest ({@code collector: {statsd: {port: 8125}}}) or use dotted keys ({@code
 * collector.statsd.port: 8125}), or mix both. A list value is joined with commas. The file is named
 * by {@code --config=<path>} or the {@code MOSAIC_CONFIG} environment variable.
 *
 * <p>Every mistake stops loading with a {@link ConfigException} naming the source (file and line,
 * variable, or argument), the key and the problem. Keys under a section in {@code ignoredSections}
 * are skipped, so one file can configure the whole stack while each service reads only its part.
 */
public final class ConfigLoader {
  public static final String CONFIG_ARGUMENT = "config";
  public static final String CONFIG_ENVIRONMENT_VARIABLE = "MOSAIC_CONFIG";

  private final Map<String, ConfigKey<?>> keys = new LinkedHashMap<>();
  private final Set<String> ignoredSections;

  /**
   * @param keys every key the caller understands
   * @param ignoredSections first name segments whose keys belong to other services
   */
  public ConfigLoader(Collection<? extends ConfigKey<?>> keys, Set<String> ignoredSections) {
    for (ConfigKey<?> key : keys) {
      if (this.keys.put(key.name(), key) != null) {
        throw new IllegalArgumentException("duplicate config key " + key.name());
      }
    }
    this.ignoredSections = Set.copyOf(ignoredSections);
  }

  /**
   * @param args command-line arguments; each must be {@code --<key>=<value>}
   * @param environment usually {@code System.getenv()}
   */
  public MosaicConfig load(List<String> args, Map<String, String> environment)
      throws ConfigException {
    Map<String, String> texts = new LinkedHashMap<>();
    Map<String, String> sources = new LinkedHashMap<>();
    keys.values()
        .forEach(
            k -> {
              texts.put(k.name(), k.defaultText());
              sources.put(k.name(), "default");
            });

    Map<String, String> arguments = parseArguments(args);
    String file = arguments.remove(CONFIG_ARGUMENT);
    if (file == null) {
      file = environment.get(CONFIG_ENVIRONMENT_VARIABLE);
    }
    if (file != null && !file.isBlank()) {
      readYaml(Path.of(file), texts, sources);
    }
    for (ConfigKey<?> key : keys.values()) {
      String value = environment.get(key.environmentVariable());
      if (value != null) {
        texts.put(key.name(), value);
        sources.put(key.name(), "environment variable " + key.environmentVariable());
      }
    }
    for (Map.Entry<String, String> argument : arguments.entrySet()) {
      String source = "command line --" + argument.getKey();
      requireKnown(argument.getKey(), source);
      texts.put(argument.getKey(), argument.getValue());
      sources.put(argument.getKey(), source);
    }

    Map<String, Object> values = new LinkedHashMap<>();
    for (ConfigKey<?> key : keys.values()) {
      try {
        values.put(key.name(), key.parse(texts.get(key.name())));
      } catch (IllegalArgumentException e) {
        throw new ConfigException(
            sources.get(key.name()) + ": " + key.name() + ": " + e.getMessage());
      }
    }
    return new MosaicConfig(values, sources);
  }

  private Map<String, String> parseArguments(List<String> args) throws ConfigException {
    Map<String, String> arguments = new LinkedHashMap<>();
    for (String arg : args) {
      int eq = arg.indexOf('=');
      if (!arg.startsWith("--") || eq < 3) {
        throw new ConfigException(
            "command line: '" + arg + "' is not an option; write --<key>=<value>");
      }
      arguments.put(arg.substring(2, eq), arg.substring(eq + 1));
    }
    return arguments;
  }

  private void readYaml(Path file, Map<String, String> texts, Map<String, String> sources)
      throws ConfigException {
    try (JsonParser parser = new YAMLFactory().createParser(Files.newBufferedReader(file))) {
      Deque<String> path = new ArrayDeque<>();
      JsonToken token = parser.nextToken();
      if (token == null) {
        return; // an empty file configures nothing
      }
      if (token != JsonToken.START_OBJECT) {
        throw new ConfigException(file + ":" + line(parser) + ": the file must be a map of keys");
      }
      while ((token = parser.nextToken()) != null) {
        switch (token) {
          case FIELD_NAME -> path.addLast(parser.currentName());
          case START_OBJECT -> {}
          case END_OBJECT -> path.pollLast();
          case START_ARRAY -> {
            int line = line(parser);
            List<String> items = new ArrayList<>();
            while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
              if (!token.isScalarValue()) {
                throw new ConfigException(
                    file
                        + ":"
                        + line(parser)
                        + ": "
                        + String.join(".", path)
                        + ": list items must be plain values");
              }
              items.add(parser.getText());
            }
            put(file, line, String.join(".", path), String.join(",", items), texts, sources);
            path.pollLast();
          }
          default -> {
            String text = token == JsonToken.VALUE_NULL ? "" : parser.getText();
            put(file, line(parser), String.join(".", path), text, texts, sources);
            path.pollLast();
          }
        }
      }
    } catch (NoSuchFileException e) {
      throw new ConfigException(file + ": no such file");
    } catch (IOException e) {
      throw new ConfigException(file + ": not valid YAML: " + e.getMessage());
    }
  }

  private void put(
      Path file,
      int line,
      String key,
      String text,
      Map<String, String> texts,
      Map<String, String> sources)
      throws ConfigException {
    String source = file + ":" + line;
    requireKnown(key, source);
    if (keys.containsKey(key)) {
      texts.put(key, text);
      sources.put(key, source);
    }
  }

  private void requireKnown(String key, String source) throws ConfigException {
    if (keys.containsKey(key)) {
      return;
    }
    int dot = key.indexOf('.');
    if (dot > 0 && ignoredSections.contains(key.substring(0, dot))) {
      return;
    }
    String hint = closestKey(key);
    throw new ConfigException(
        source
            + ": unknown key '"
            + key
            + "'"
            + (hint == null ? "" : " (did you mean '" + hint + "'?)"));
  }

  private String closestKey(String key) {
    String best = null;
    int bestDistance = 4; // further than three edits is not a typo
    for (String known : keys.keySet()) {
      int d = editDistance(key, known);
      if (d < bestDistance) {
        bestDistance = d;
        best = known;
      }
    }
    return best;
  }

  private static int editDistance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }

  private static int line(JsonParser parser) {
    return parser.currentTokenLocation().getLineNr();
  }
}
