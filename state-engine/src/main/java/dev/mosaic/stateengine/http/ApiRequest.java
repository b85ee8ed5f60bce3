package dev.mosaic.stateengine.http;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * The parts of an HTTP request the API looks at, free of the server that received it.
 *
 * @param method e.g. {@code GET}
 * @param path the decoded path, e.g. {@code /incidents/3f2a}
 * @param query decoded query parameters; the last of repeated ones wins
 * @param authorization the {@code Authorization} header, or {@code null}
 */
public record ApiRequest(
    String method, String path, Map<String, String> query, String authorization) {
  public ApiRequest {
    query = Map.copyOf(query);
  }

  /** Parses a raw query string such as {@code metric=a.*&max=3}. */
  public static Map<String, String> parseQuery(String raw) {
    Map<String, String> out = new HashMap<>();
    if (raw == null || raw.isEmpty()) {
      return out;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String key = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      out.put(
          URLDecoder.decode(key, StandardCharsets.UTF_8),
          URLDecoder.decode(value, StandardCharsets.UTF_8));
    }
    return out;
  }
}
