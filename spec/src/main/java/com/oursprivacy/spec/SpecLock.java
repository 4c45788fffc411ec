package com.oursprivacy.spec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * {@code spec/spec.lock}: for each spec, the source, sha256 and operation count the SDK was last
 * generated from, plus its operations and fields so that drift can be reported by name. Written by
 * the build, never by hand.
 */
final class SpecLock {
  private static final String HEADER =
      "# Ours Privacy SDK spec lock: what the SDK was last generated from.\n"
          + "# Written by the build; refresh with: ./mvnw -q -pl spec -am process-classes"
          + " -Dours.spec.updateLock=true\n";

  final Map<String, SpecSummary> specs = new LinkedHashMap<>();

  static SpecLock read(Path file) {
    SpecLock lock = new SpecLock();
    if (!Files.isRegularFile(file)) {
      return lock;
    }
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    SpecSummary cur = null;
    for (String line : lines) {
      String l = line.strip();
      if (l.isEmpty() || l.startsWith("#")) {
        continue;
      }
      if (l.startsWith("[") && l.endsWith("]")) {
        cur = new SpecSummary();
        lock.specs.put(l.substring(1, l.length() - 1), cur);
      } else if (cur == null) {
        throw new SpecException(
            "spec/spec.lock is malformed near '" + l + "'; delete it and rebuild.");
      } else if (l.startsWith("op ")) {
        cur.operations.add(l.substring(3));
      } else if (l.startsWith("field ")) {
        String f = l.substring(6);
        int eq = f.indexOf(" = ");
        if (eq < 0) {
          cur.fields.add(f);
        } else {
          cur.fields.add(f.substring(0, eq));
          cur.fieldTypes.put(f.substring(0, eq), f.substring(eq + 3));
        }
      } else if (l.startsWith("class ")) {
        String f = l.substring(6);
        int eq = f.indexOf(" = ");
        if (eq > 0) {
          cur.classes.put(f.substring(0, eq), f.substring(eq + 3));
        }
      } else if (l.startsWith("enum ")) {
        String f = l.substring(5);
        int eq = f.indexOf(" = ");
        if (eq > 0) {
          cur.enums.put(
              f.substring(0, eq), new TreeSet<>(List.of(f.substring(eq + 3).split(" \\| ", -1))));
        }
      } else if (l.startsWith("deprecated ")) {
        cur.deprecated.add(l.substring(11));
      } else if (l.startsWith("security ")) {
        String f = l.substring(9);
        int eq = f.indexOf(" = ");
        if (eq > 0) {
          cur.security.put(f.substring(0, eq), f.substring(eq + 3));
        }
      } else if (l.startsWith("scheme ")) {
        String f = l.substring(7);
        int eq = f.indexOf(" = ");
        if (eq > 0) {
          cur.schemes.put(f.substring(0, eq), f.substring(eq + 3));
        }
      } else if (l.startsWith("source = ")) {
        cur.source = l.substring(9);
      } else if (l.startsWith("sha256 = ")) {
        cur.sha256 = l.substring(9);
      } else if (l.startsWith("operations = ")) {
        cur.operationCount = Integer.parseInt(l.substring(13));
      }
    }
    return lock;
  }

  /** The lock's text: what {@link #write} stores. */
  String text() {
    StringBuilder sb = new StringBuilder(HEADER);
    specs.forEach(
        (name, s) -> {
          sb.append('\n').append('[').append(name).append("]\n");
          sb.append("source = ").append(s.source).append('\n');
          sb.append("sha256 = ").append(s.sha256).append('\n');
          sb.append("operations = ").append(s.operationCount).append('\n');
          s.operations.forEach(o -> sb.append("op ").append(o).append('\n'));
          s.fields.forEach(
              f -> {
                sb.append("field ").append(f);
                String t = s.fieldTypes.get(f);
                if (t != null) {
                  sb.append(" = ").append(t);
                }
                sb.append('\n');
              });
          s.classes.forEach(
              (f, c) -> sb.append("class ").append(f).append(" = ").append(c).append('\n'));
          s.enums.forEach(
              (f, vs) ->
                  sb.append("enum ")
                      .append(f)
                      .append(" = ")
                      .append(String.join(" | ", vs))
                      .append('\n'));
          s.deprecated.forEach(d -> sb.append("deprecated ").append(d).append('\n'));
          s.schemes.forEach(
              (n, d) -> sb.append("scheme ").append(n).append(" = ").append(d).append('\n'));
          s.security.forEach(
              (o, r) -> sb.append("security ").append(o).append(" = ").append(r).append('\n'));
        });
    return sb.toString();
  }

  void write(Path file) {
    String text = text();
    try {
      Files.write(file, text.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The drift summary between what the lock holds and a freshly pulled spec: empty when the hashes
   * match. At most {@code limit} names are listed per section.
   */
  static List<String> drift(String name, SpecSummary locked, SpecSummary now, int limit) {
    List<String> out = new ArrayList<>();
    if (locked == null) {
      out.add(name + ": not in spec/spec.lock yet (" + now.operationCount + " operations)");
      return out;
    }
    if (locked.sha256 != null && locked.sha256.equals(now.sha256)) {
      return out;
    }
    out.add(
        name
            + ": spec differs from spec/spec.lock (sha256 "
            + abbrev(locked.sha256)
            + " -> "
            + abbrev(now.sha256)
            + ", source "
            + now.source
            + ")");
    section(out, "operations", locked.operations, now.operations, limit);
    out.add("  operations: " + locked.operationCount + " -> " + now.operationCount);
    section(out, "fields", locked.fields, now.fields, limit);
    return out;
  }

  private static void section(
      List<String> out, String what, TreeSet<String> before, TreeSet<String> after, int limit) {
    TreeSet<String> added = new TreeSet<>(after);
    added.removeAll(before);
    TreeSet<String> removed = new TreeSet<>(before);
    removed.removeAll(after);
    out.add("  " + what + ": +" + added.size() + " added, -" + removed.size() + " removed");
    list(out, "+ ", added, limit);
    list(out, "- ", removed, limit);
  }

  private static void list(List<String> out, String sign, TreeSet<String> names, int limit) {
    int i = 0;
    for (String n : names) {
      if (i++ == limit) {
        out.add("    … and " + (names.size() - limit) + " more");
        break;
      }
      out.add("    " + sign + n);
    }
  }

  private static String abbrev(String sha) {
    return sha == null ? "none" : sha.substring(0, Math.min(12, sha.length()));
  }
}
