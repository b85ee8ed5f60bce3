package dev.mosaic.stateengine.check;

/** A check file that cannot be used; the message starts with {@code file:line:}. */
public final class CheckFileException extends Exception {
  public CheckFileException(String message) {
    super(message);
  }
}
