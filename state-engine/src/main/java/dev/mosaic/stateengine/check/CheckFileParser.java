package dev.mosaic.stateengine.check;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads one YAML check file into validated {@link Check}s; any mistake rejects the whole file with
 * {@code file:line: what is wrong}.
 *
 * <pre>
 * checks/*.yaml → CheckFileParser → CheckDirectory → CheckEngine
 * </pre>
 */
public final class CheckFileParser {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  /**
   * @param file how messages name the file
   * @param text the file's content
   */
  public List<Check> parse(String file, String text) throws CheckFileException {
    try (JsonParser p = YAML.getFactory().createParser(text)) {
      List<Check> checks = new ArrayList<>();
      JsonToken first = p.nextToken();
      if (first == null) {
        return checks; // an empty file holds no checks
      }
      expect(file, p, first == JsonToken.START_OBJECT, "expected a mapping with 'checks:'");
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String key = p.currentName();
        int line = line(p);
        JsonToken value = p.nextToken();
        if (!key.equals("checks")) {
          throw new CheckFileException(file + ":" + line + ": unknown top-level key '" + key + "'");
        }
        if (value == JsonToken.VALUE_NULL) {
          continue;
        }
        expect(file, p, value == JsonToken.START_ARRAY, "'checks' must be a list");
        while (p.nextToken() == JsonToken.START_OBJECT) {
          int checkLine = line(p);
          checks.add(new CheckBuilder(file, checkLine, readFields(file, p)).build());
        }
        expect(file, p, p.currentToken() == JsonToken.END_ARRAY, "each check must be a mapping");
      }
      return checks;
    } catch (JsonProcessingException e) {
      int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
      throw new CheckFileException(
          file + ":" + line + ": not valid YAML: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new CheckFileException(file + ":0: cannot read: " + e.getMessage());
    }
  }

  private static Map<String, CheckBuilder.Field> readFields(String file, JsonParser p)
      throws IOException, CheckFileException {
    Map<String, CheckBuilder.Field> fields = new LinkedHashMap<>();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String key = p.currentName();
      int line = line(p);
      p.nextToken();
      JsonNode value = YAML.readTree(p);
      if (fields.put(key, new CheckBuilder.Field(value, line)) != null) {
        throw new CheckFileException(file + ":" + line + ": '" + key + "' appears twice");
      }
    }
    return fields;
  }

  private static int line(JsonParser p) {
    return p.currentTokenLocation().getLineNr();
  }

  private static void expect(String file, JsonParser p, boolean ok, String message)
      throws CheckFileException {
    if (!ok) {
      throw new CheckFileException(file + ":" + line(p) + ": " + message);
    }
  }
}
