package dev.mosaic.stateengine.check;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The directory of check files, read whole: every {@code *.yaml} and {@code *.yml} file in it (not
 * in subdirectories), in name order. A directory that does not exist holds no checks.
 *
 * <pre>
 * checks/*.yaml → CheckDirectory (polled) → CheckEngine.replaceChecks
 * </pre>
 *
 * <p>Not thread-safe: one thread polls it.
 */
public final class CheckDirectory {
  private final Path directory;
  private final CheckFileParser parser = new CheckFileParser();
  private String loadedContent;
  private String lastError;

  public CheckDirectory(Path directory) {
    this.directory = directory;
  }

  /**
   * Reads every file and returns the checks if anything changed since the last successful or failed
   * read, or empty if nothing did.
   *
   * @throws CheckFileException for the first bad file, or a name used twice; the caller keeps its
   *     last good checks. The same broken content is reported once, not at every poll.
   */
  public Optional<List<Check>> reloadIfChanged() throws CheckFileException {
    Map<String, String> files = readFiles();
    String content = files.toString();
    if (content.equals(loadedContent)) {
      return Optional.empty();
    }
    loadedContent = content;
    try {
      List<Check> checks = parseAll(files);
      lastError = null;
      return Optional.of(checks);
    } catch (CheckFileException e) {
      lastError = e.getMessage();
      throw e;
    }
  }

  /** The error that rejected the current content, if it was rejected. */
  public Optional<String> lastError() {
    return Optional.ofNullable(lastError);
  }

  private List<Check> parseAll(Map<String, String> files) throws CheckFileException {
    List<Check> all = new ArrayList<>();
    Map<String, String> definedAt = new HashMap<>();
    for (Map.Entry<String, String> file : files.entrySet()) {
      for (Check check : parser.parse(file.getKey(), file.getValue())) {
        String earlier = definedAt.putIfAbsent(check.name(), check.source());
        if (earlier != null) {
          throw new CheckFileException(
              check.source() + ": check name '" + check.name() + "' is already used at " + earlier);
        }
        all.add(check);
      }
    }
    return List.copyOf(all);
  }

  private Map<String, String> readFiles() throws CheckFileException {
    Map<String, String> files = new TreeMap<>();
    if (!Files.isDirectory(directory)) {
      return files;
    }
    try (Stream<Path> list = Files.list(directory)) {
      for (Path path : list.sorted().toList()) {
        String name = path.getFileName().toString();
        if (Files.isRegularFile(path) && (name.endsWith(".yaml") || name.endsWith(".yml"))) {
          files.put(path.toString(), Files.readString(path, StandardCharsets.UTF_8));
        }
      }
    } catch (IOException e) {
      throw new CheckFileException(directory + ":0: cannot read: " + e.getMessage());
    }
    return files;
  }
}
