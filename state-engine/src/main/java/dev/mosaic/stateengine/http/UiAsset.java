package dev.mosaic.stateengine.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * One file of the on-call page, read once from the classpath.
 *
 * @param contentType the {@code Content-Type} it is served with
 * @param body its bytes
 * @param etag a strong, quoted entity tag over the bytes, so a browser can revalidate it cheaply
 */
record UiAsset(String contentType, byte[] body, String etag) {
  /** Reads {@code ui/<name>} beside this class; a missing file is a packaging error. */
  static UiAsset load(String name, String contentType) {
    String resource = "ui/" + name;
    try (InputStream in = UiAsset.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing classpath resource " + resource);
      }
      byte[] body = in.readAllBytes();
      return new UiAsset(contentType, body, etagOf(body));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read classpath resource " + resource, e);
    }
  }

  private static String etagOf(byte[] body) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(body);
      return '"' + HexFormat.of().formatHex(hash, 0, 16) + '"';
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
