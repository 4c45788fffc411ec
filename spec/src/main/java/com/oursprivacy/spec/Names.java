package com.oursprivacy.spec;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The naming rules. They are a compatibility contract: the names they produce become public model
 * types, so changing a rule renames public classes.
 */
final class Names {
  private Names() {}

  /** Words whose plural and singular are the same, or that merely end in "s". */
  private static final Set<String> INVARIANT =
      Set.of(
          "data",
          "metadata",
          "analytics",
          "series",
          "species",
          "news",
          "status",
          "alias",
          "canvas",
          "bias",
          "atlas",
          "statistics",
          "physics",
          "address",
          "process",
          "access",
          "success",
          "progress",
          "has",
          "gas",
          "yes",
          "was",
          "this",
          "bus",
          "plus",
          "minus");

  private static final Map<String, String> IRREGULAR =
      Map.of(
          "cookies", "cookie",
          "movies", "movie",
          "children", "child",
          "people", "person",
          "indices", "index",
          "criteria", "criterion");

  /**
   * Names a model class may not take: they shadow {@code java.lang} or the types generated code
   * imports, and would make the generated sources ambiguous.
   */
  static final Set<String> RESERVED =
      Set.of(
          "Object",
          "String",
          "Error",
          "Class",
          "Exception",
          "Integer",
          "Long",
          "Boolean",
          "Number",
          "Void",
          "Override",
          "Deprecated",
          "System",
          "Thread",
          "Runtime",
          "Process",
          "Module",
          "Record",
          "Enum",
          "Iterable",
          "Character",
          "Byte",
          "Short",
          "Float",
          "Double",
          "Math",
          "Package",
          "Runnable",
          "Comparable",
          "Type",
          "List",
          "Map",
          "Set",
          "Date",
          "Collection",
          "Optional",
          "UUID",
          "File",
          "Objects",
          "Arrays",
          "BigDecimal",
          "OffsetDateTime",
          "LocalDate",
          "URI",
          "Call",
          "Response",
          "Value",
          "Item",
          "Entity",
          "Result",
          "Results",
          "Data",
          "Status",
          "Name",
          "Id");

  /** Splits an identifier such as {@code limitedToSourceIds}, {@code tag_managers}, {@code AND}. */
  static List<String> words(String raw) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    char[] cs = raw.toCharArray();
    for (int i = 0; i < cs.length; i++) {
      char c = cs[i];
      if (!Character.isLetterOrDigit(c)) {
        flush(cur, out);
        continue;
      }
      boolean boundary =
          cur.length() > 0
              && Character.isUpperCase(c)
              && (Character.isLowerCase(cs[i - 1])
                  || Character.isDigit(cs[i - 1])
                  || (i + 1 < cs.length
                      && Character.isLowerCase(cs[i + 1])
                      && Character.isUpperCase(cs[i - 1])));
      if (boundary) {
        flush(cur, out);
      }
      cur.append(c);
    }
    flush(cur, out);
    return out;
  }

  private static void flush(StringBuilder cur, List<String> out) {
    if (cur.length() > 0) {
      out.add(cur.toString());
      cur.setLength(0);
    }
  }

  /**
   * {@code limitedToSourceIds} becomes {@code LimitedToSourceIds}; {@code AND} becomes {@code And}.
   */
  static String pascal(String raw) {
    StringBuilder sb = new StringBuilder();
    for (String w : words(raw)) {
      sb.append(Character.toUpperCase(w.charAt(0)));
      String rest = w.substring(1);
      boolean allUpper = rest.equals(rest.toUpperCase(Locale.ROOT));
      sb.append(allUpper ? rest.toLowerCase(Locale.ROOT) : rest);
    }
    if (sb.length() == 0) {
      return "Field";
    }
    if (Character.isDigit(sb.charAt(0))) {
      sb.insert(0, 'N');
    }
    return sb.toString();
  }

  /** The singular of one English word, lower case in and out. */
  static String singularWord(String lower) {
    String w = lower.toLowerCase(Locale.ROOT);
    if (IRREGULAR.containsKey(w)) {
      return IRREGULAR.get(w);
    }
    if (w.equals("settings") || w.equals("details")) {
      return w.substring(0, w.length() - 1);
    }
    if (INVARIANT.contains(w) || w.length() <= 2 || w.endsWith("series")) {
      return w;
    }
    if (w.endsWith("ies")) {
      return w.substring(0, w.length() - 3) + "y";
    }
    if (w.endsWith("sses")
        || w.endsWith("xes")
        || w.endsWith("ches")
        || w.endsWith("shes")
        || w.endsWith("zes")
        || w.endsWith("uses")) {
      return w.substring(0, w.length() - 2);
    }
    if (w.endsWith("ss") || w.endsWith("us") || w.endsWith("is") || w.endsWith("ics")) {
      return w;
    }
    if (w.endsWith("s")) {
      return w.substring(0, w.length() - 1);
    }
    return w;
  }

  /** Pascal case with the last word made singular: {@code categories} becomes {@code Category}. */
  static String singularPascal(String raw) {
    List<String> ws = words(raw);
    if (ws.isEmpty()) {
      return pascal(raw);
    }
    String last = ws.get(ws.size() - 1);
    String single = singularWord(last);
    if (!single.equalsIgnoreCase(last)) {
      // keep the original capitalisation of the word's first letter
      ws.set(ws.size() - 1, last.charAt(0) + single.substring(1));
    }
    return pascal(String.join("_", ws));
  }
}
