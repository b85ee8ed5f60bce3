package dev.mosaic.stateengine.incident;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Incident ids: 16 hex digits of SHA-256 over check, series and opening time, so the same incident
 * has the same id wherever and however often it is computed.
 */
final class IncidentIds {
  private IncidentIds() {}

  static String of(String check, String series, long openedAtMillis) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      byte[] hash =
          sha.digest(
              (check + '\0' + series + '\0' + openedAtMillis).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
