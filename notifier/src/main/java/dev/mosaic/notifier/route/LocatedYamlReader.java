package dev.mosaic.notifier.route;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Reads YAML text into {@link YamlNode}s that carry line numbers; Jackson's own trees forget them.
 *
 * <pre>
 * routes file text → LocatedYamlReader → YamlNode → RoutesFileParser
 * </pre>
 */
final class LocatedYamlReader {
  private static final YAMLFactory YAML = new YAMLFactory();

  private LocatedYamlReader() {}

  /**
   * @return the document's root; a YAML null at line 1 for an empty document
   * @throws RoutesFileException for invalid YAML or a key used twice in one mapping
   */
  static YamlNode read(String file, String text) throws RoutesFileException {
    try (JsonParser parser = YAML.createParser(text)) {
      JsonToken first = parser.nextToken();
      if (first == null) {
        return new YamlNode(1, null, null, null);
      }
      return node(file, parser);
    } catch (JsonProcessingException e) {
      if (e.getCause() instanceof MarkedYAMLException yaml && yaml.getProblemMark() != null) {
        throw new RoutesFileException(
            file, yaml.getProblemMark().getLine() + 1, "invalid YAML: " + yaml.getProblem());
      }
      int line = e.getLocation() == null ? 1 : e.getLocation().getLineNr();
      throw new RoutesFileException(file, line, "invalid YAML: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new RoutesFileException(file, 1, "cannot read: " + e.getMessage());
    }
  }

  private static YamlNode node(String file, JsonParser parser)
      throws IOException, RoutesFileException {
    int line = parser.currentTokenLocation().getLineNr();
    JsonToken token = parser.currentToken();
    if (token == JsonToken.START_OBJECT) {
      Map<String, YamlNode> entries = new LinkedHashMap<>();
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String key = parser.currentName();
        int keyLine = parser.currentTokenLocation().getLineNr();
        parser.nextToken();
        if (entries.put(key, node(file, parser)) != null) {
          throw new RoutesFileException(file, keyLine, "'" + key + "' appears twice");
        }
      }
      return new YamlNode(line, null, entries, null);
    }
    if (token == JsonToken.START_ARRAY) {
      List<YamlNode> items = new ArrayList<>();
      while (parser.nextToken() != JsonToken.END_ARRAY) {
        items.add(node(file, parser));
      }
      return new YamlNode(line, null, null, items);
    }
    if (token == JsonToken.VALUE_NULL) {
      return new YamlNode(line, null, null, null);
    }
    return new YamlNode(line, parser.getText(), null, null);
  }
}
