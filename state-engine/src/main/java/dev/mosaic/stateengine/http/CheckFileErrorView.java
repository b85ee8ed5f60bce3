package dev.mosaic.stateengine.http;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A check-file error as {@code {file, line, message}} for the API, so a page can point at the file.
 * Any error rejects the whole set of files, so there is at most one; the list leaves room for more.
 */
final class CheckFileErrorView {
  /** {@code file:line: message}; the file is everything before the last {@code :<digits>: }. */
  private static final Pattern FILE_LINE = Pattern.compile("^(.*):(\\d+): (.*)$", Pattern.DOTALL);

  private CheckFileErrorView() {}

  static List<Map<String, Object>> of(Optional<String> error) {
    return error.map(CheckFileErrorView::one).map(List::of).orElse(List.of());
  }

  private static Map<String, Object> one(String error) {
    Map<String, Object> view = new LinkedHashMap<>();
    Matcher m = FILE_LINE.matcher(error);
    if (m.matches()) {
      view.put("file", m.group(1));
      view.put("line", Integer.parseInt(m.group(2)));
      view.put("message", m.group(3));
    } else {
      view.put("file", null);
      view.put("line", 0);
      view.put("message", error);
    }
    return view;
  }
}
