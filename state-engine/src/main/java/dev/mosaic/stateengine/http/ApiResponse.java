package dev.mosaic.stateengine.http;

import java.util.Map;

/**
 * An HTTP status and the object written as its JSON body.
 *
 * @param status HTTP status code
 * @param body serialised with Jackson
 */
public record ApiResponse(int status, Object body) {
  static ApiResponse error(int status, String message) {
    return new ApiResponse(status, Map.of("error", message));
  }
}
