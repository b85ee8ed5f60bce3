package dev.mosaic.contract.internal;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import org.apache.kafka.common.errors.SerializationException;

/**
 * A record as a JSON object with a {@code "version"} field: fields a newer writer adds are ignored,
 * another version is rejected.
 */
public final class VersionedJson<T> {
  private static final ObjectMapper MAPPER =
      JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

  private final Class<T> type;
  private final int version;

  public VersionedJson(Class<T> type, int version) {
    this.type = type;
    this.version = version;
  }

  public byte[] encode(T value) {
    ObjectNode node = MAPPER.valueToTree(value);
    ObjectNode out = MAPPER.createObjectNode().put("version", version);
    out.setAll(node);
    try {
      return MAPPER.writeValueAsBytes(out);
    } catch (IOException e) {
      throw new SerializationException("cannot write " + type.getSimpleName(), e);
    }
  }

  public T decode(byte[] data) {
    try {
      JsonNode node = MAPPER.readTree(data);
      int found = node.path("version").asInt(-1);
      if (found != version) {
        throw new SerializationException(
            type.getSimpleName()
                + " format version "
                + found
                + " is not supported (this reader: "
                + version
                + ")");
      }
      ((ObjectNode) node).remove("version");
      return MAPPER.treeToValue(node, type);
    } catch (IOException | ClassCastException | IllegalArgumentException e) {
      throw new SerializationException("cannot read " + type.getSimpleName(), e);
    }
  }
}
