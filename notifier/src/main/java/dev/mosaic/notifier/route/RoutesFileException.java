package dev.mosaic.notifier.route;

/** A mistake in a routes file; the message is {@code file:line: what is wrong}. */
public final class RoutesFileException extends Exception {
  private final int line;

  public RoutesFileException(String file, int line, String problem) {
    super(file + ":" + line + ": " + problem);
    this.line = line;
  }

  public int line() {
    return line;
  }
}
