package com.oursprivacy.spec;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * Classifies what changed between the spec the SDK was generated from ({@code spec/spec.lock}) and
 * a candidate spec, the way it reaches users of an SDK generated from it.
 *
 * <p><b>Breaking</b>: an operation, field or enum value removed; a field whose type changed, or
 * whose generated class got another name (shape sharing can rename a class on an additive change);
 * a new required request field or parameter, or an optional one that became required; a request
 * field that is no longer nullable (its {@code clearX()} disappears); a response field that changed
 * nullability either way (its accessor's contract changes) or that is no longer required.
 * <b>Additive</b>: everything added that no caller has to supply (operations, optional request
 * fields, response fields, enum values: enums are open), a requirement relaxed, a request field
 * that became nullable, a security alternative added. <b>Deprecated</b> (non-breaking, a minor
 * bump): an operation, parameter or field newly marked {@code deprecated}. A security requirement
 * the SDK cannot satisfy (a scheme it did not send before) is breaking.
 */
final class SpecChanges {
  enum Kind {
    BREAKING,
    ADDITIVE,
    /** Non-breaking: still works, now {@code @Deprecated} in the SDK; a minor bump. */
    DEPRECATED
  }

  /** The semantic-version bump a set of changes implies. */
  enum Bump {
    MAJOR,
    MINOR,
    PATCH
  }

  /** One change: its kind, what it is ("operation removed") and where. */
  static final class Change {
    final Kind kind;
    final String what;
    final String where;

    Change(Kind kind, String what, String where) {
      this.kind = kind;
      this.what = what;
      this.where = where;
    }

    @Override
    public String toString() {
      return kind + ": " + what + ": " + where;
    }
  }

  final String spec;
  final List<Change> changes = new ArrayList<>();

  private SpecChanges(String spec) {
    this.spec = spec;
  }

  /**
   * The changes from {@code before} to {@code after}; operations first, then fields, then enums.
   */
  static SpecChanges between(String spec, SpecSummary before, SpecSummary after) {
    SpecChanges c = new SpecChanges(spec);
    TreeSet<String> opsBefore = opKeys(before);
    TreeSet<String> opsAfter = opKeys(after);
    for (String op : before.operations) {
      if (!opsAfter.contains(op.split(" ", 2)[0])) {
        c.add(Kind.BREAKING, "operation removed", op);
      }
    }
    for (String op : after.operations) {
      if (!opsBefore.contains(op.split(" ", 2)[0])) {
        c.add(Kind.ADDITIVE, "operation added", op);
      }
    }
    TreeSet<String> common = new TreeSet<>(opsBefore);
    common.retainAll(opsAfter);
    c.fields(before, after, common);
    c.classes(before, after, common);
    c.enums(before, after, common);
    c.deprecations(before, after, common);
    c.security(before, after, common);
    return c;
  }

  private void deprecations(SpecSummary before, SpecSummary after, TreeSet<String> commonOps) {
    for (String d : after.deprecated) {
      if (!before.deprecated.contains(d) && inOps(d + " ", commonOps)) {
        String what =
            d.contains(" ")
                ? (d.split(" ", 2)[1].startsWith("body")
                        || d.split(" ", 2)[1].startsWith("response")
                    ? "field deprecated"
                    : "parameter deprecated")
                : "operation deprecated";
        add(Kind.DEPRECATED, what, d);
      }
    }
  }

  /**
   * An operation whose requirement has no alternative made only of schemes it was already sent with
   * (same name, same definition) now needs a credential the SDK does not send: breaking.
   */
  private void security(SpecSummary before, SpecSummary after, TreeSet<String> commonOps) {
    for (Map.Entry<String, String> e : after.schemes.entrySet()) {
      String was = before.schemes.get(e.getKey());
      if (was == null) {
        add(Kind.ADDITIVE, "security scheme added", e.getKey() + " = " + e.getValue());
      } else if (!was.equals(e.getValue())) {
        add(Kind.BREAKING, "security scheme changed " + was + " → " + e.getValue(), e.getKey());
      }
    }
    if (before.security.isEmpty()) {
      return; // a lock written before security was recorded
    }
    for (String op : commonOps) {
      String a = before.security.getOrDefault(op, "none");
      String b = after.security.getOrDefault(op, "none");
      if (a.equals(b)) {
        continue;
      }
      List<String> known = List.of(a.split(" \\| ", -1));
      boolean satisfiable = false;
      for (String alternative : b.split(" \\| ", -1)) {
        if (alternative.equals("none") || known.contains(alternative) || known.contains("none")) {
          satisfiable |= sameSchemes(alternative, before, after);
        }
      }
      add(
          satisfiable ? Kind.ADDITIVE : Kind.BREAKING,
          satisfiable
              ? "security requirement relaxed or alternative added"
              : "security requirement the SDK cannot satisfy",
          op + " = " + b + " (was " + a + ")");
    }
  }

  private static boolean sameSchemes(String alternative, SpecSummary before, SpecSummary after) {
    if (alternative.equals("none")) {
      return true;
    }
    for (String scheme : alternative.split(" \\+ ", -1)) {
      String was = before.schemes.get(scheme);
      if (was == null || !was.equals(after.schemes.get(scheme))) {
        return false;
      }
    }
    return true;
  }

  /**
   * A body, response or field whose generated class has another name now: the Java signature
   * changes even when the spec change itself was additive (shapes are shared by name).
   */
  private void classes(SpecSummary before, SpecSummary after, TreeSet<String> commonOps) {
    for (Map.Entry<String, String> e : before.classes.entrySet()) {
      String now = after.classes.get(e.getKey());
      if (now != null && !now.equals(e.getValue()) && inOps(e.getKey(), commonOps)) {
        add(Kind.BREAKING, "class renamed " + e.getValue() + " → " + now, e.getKey());
      }
    }
  }

  private void fields(SpecSummary before, SpecSummary after, TreeSet<String> commonOps) {
    for (String f : before.fields) {
      if (inOps(f, commonOps)
          && !after.fields.contains(f)
          && !parentIn(f, before.fields, after.fields)) {
        add(Kind.BREAKING, (request(f) ? "request" : "response") + " field removed", f);
      }
    }
    for (String f : after.fields) {
      if (inOps(f, commonOps)
          && !before.fields.contains(f)
          && !parentIn(f, after.fields, before.fields)) {
        boolean required = flags(after, f).contains("required");
        if (request(f) && required) {
          add(Kind.BREAKING, "required request field added", f);
        } else {
          add(Kind.ADDITIVE, (request(f) ? "optional request" : "response") + " field added", f);
        }
      }
    }
    for (String f : before.fields) {
      if (!inOps(f, commonOps) || !after.fields.contains(f)) {
        continue;
      }
      String a = before.fieldTypes.get(f);
      String b = after.fieldTypes.get(f);
      if (a == null || b == null) {
        continue; // a lock written before types were recorded: names only
      }
      String ta = a.split(" ", 2)[0];
      String tb = b.split(" ", 2)[0];
      if (!ta.equals(tb)) {
        add(Kind.BREAKING, "type changed " + ta + " → " + tb, f);
      }
      boolean reqA = a.contains(" required");
      boolean reqB = b.contains(" required");
      boolean nulA = a.contains(" nullable");
      boolean nulB = b.contains(" nullable");
      if (request(f)) {
        if (!reqA && reqB) {
          add(Kind.BREAKING, "request field became required", f);
        } else if (reqA && !reqB) {
          add(Kind.ADDITIVE, "request field became optional", f);
        }
        if (nulA && !nulB) {
          add(Kind.BREAKING, "request field lost nullability", f);
        } else if (!nulA && nulB) {
          add(Kind.ADDITIVE, "request field became nullable", f);
        }
      } else {
        if (reqA && !reqB) {
          add(Kind.BREAKING, "response field no longer required", f);
        } else if (!reqA && reqB) {
          add(Kind.ADDITIVE, "response field became required", f);
        }
        if (nulA && !nulB) {
          add(Kind.BREAKING, "response field lost nullability", f);
        } else if (!nulA && nulB) {
          add(Kind.BREAKING, "response field became nullable", f);
        }
      }
    }
  }

  private void enums(SpecSummary before, SpecSummary after, TreeSet<String> commonOps) {
    for (Map.Entry<String, TreeSet<String>> e : before.enums.entrySet()) {
      TreeSet<String> now = after.enums.get(e.getKey());
      if (now == null || !inOps(e.getKey(), commonOps)) {
        continue; // the field itself went away (reported above) or is no enum any more (type)
      }
      for (String v : e.getValue()) {
        if (!now.contains(v)) {
          add(Kind.BREAKING, "enum value removed", e.getKey() + " = " + v);
        }
      }
      for (String v : now) {
        if (!e.getValue().contains(v)) {
          add(Kind.ADDITIVE, "enum value added", e.getKey() + " = " + v);
        }
      }
    }
  }

  private void add(Kind kind, String what, String where) {
    changes.add(new Change(kind, what, where));
  }

  long count(Kind kind) {
    return changes.stream().filter(c -> c.kind == kind).count();
  }

  /**
   * MAJOR with any breaking change, MINOR with additions only, PATCH when only prose or hashes
   * moved.
   */
  Bump bump() {
    return count(Kind.BREAKING) > 0
        ? Bump.MAJOR
        : count(Kind.ADDITIVE) + count(Kind.DEPRECATED) > 0 ? Bump.MINOR : Bump.PATCH;
  }

  /** The worst of several specs' bumps. */
  static Bump worst(List<SpecChanges> all) {
    Bump worst = Bump.PATCH;
    for (SpecChanges c : all) {
      if (c.bump().compareTo(worst) < 0) {
        worst = c.bump();
      }
    }
    return worst;
  }

  /**
   * The release after {@code version} (a {@code -SNAPSHOT} suffix counts as not yet released) for a
   * bump; before 1.0 a breaking change bumps the minor version (docs/versioning.md).
   */
  static String next(String version, Bump bump) {
    String[] p = version.replace("-SNAPSHOT", "").split("[.]", -1);
    int major = Integer.parseInt(p[0]);
    int minor = p.length > 1 ? Integer.parseInt(p[1]) : 0;
    int patch = p.length > 2 ? Integer.parseInt(p[2].replaceAll("\\D.*", "")) : 0;
    boolean breaksMajor = bump == Bump.MAJOR && major >= 1;
    boolean breaksMinor = bump == Bump.MINOR || (bump == Bump.MAJOR && major == 0);
    if (version.endsWith("-SNAPSHOT")) {
      // An unreleased x.y.0 already is a new minor (x.0.0 a new major): it may take the change.
      boolean fits = breaksMajor ? minor == 0 && patch == 0 : !breaksMinor || patch == 0;
      if (fits) {
        return major + "." + minor + "." + patch;
      }
    }
    if (breaksMajor) {
      return (major + 1) + ".0.0";
    }
    return breaksMinor ? major + "." + (minor + 1) + ".0" : major + "." + minor + "." + (patch + 1);
  }

  /** The Markdown report of several specs' changes, as the spec-update pull request's body. */
  static String markdown(List<SpecChanges> all, Map<String, String[]> hashes, String sdkVersion) {
    Bump bump = worst(all);
    long breaking = all.stream().mapToLong(c -> c.count(Kind.BREAKING)).sum();
    long additive = all.stream().mapToLong(c -> c.count(Kind.ADDITIVE)).sum();
    StringBuilder sb = new StringBuilder();
    sb.append("# Spec update\n\n");
    sb.append(
        String.format(
            Locale.ROOT,
            "**%d breaking, %d additive** → semver bump **%s** (next release %s, from %s).%n%n",
            breaking,
            additive,
            bump,
            next(sdkVersion, bump),
            sdkVersion));
    sb.append(
            "Breaking: removed operations, fields or enum values; changed types; new or newly required request")
        .append(
            " fields; changed nullability; a security requirement the SDK cannot satisfy. Additive: new")
        .append(
            " operations, optional fields, response fields, enum values, union variants. Deprecated:")
        .append(" still works, now @Deprecated (a minor bump). (docs/versioning.md.)\n");
    for (SpecChanges c : all) {
      String[] h = hashes.get(c.spec);
      sb.append("\n## ").append(c.spec).append("\n\n");
      if (h != null) {
        sb.append("sha256 `")
            .append(abbrev(h[0]))
            .append("` → `")
            .append(abbrev(h[1]))
            .append("`, source `")
            .append(h[2])
            .append("`\n\n");
      }
      sb.append(
          String.format(
              Locale.ROOT,
              "%d breaking, %d additive, %d deprecated → %s%n",
              c.count(Kind.BREAKING),
              c.count(Kind.ADDITIVE),
              c.count(Kind.DEPRECATED),
              c.bump()));
      for (Kind k : Kind.values()) {
        if (c.count(k) == 0) {
          continue;
        }
        sb.append("\n### ")
            .append(
                k == Kind.BREAKING ? "Breaking" : k == Kind.ADDITIVE ? "Additive" : "Deprecated")
            .append("\n\n");
        sb.append("| change | where |\n|---|---|\n");
        for (Change ch : c.changes) {
          if (ch.kind == k) {
            sb.append("| ")
                .append(ch.what)
                .append(" | `")
                .append(ch.where.replace("|", "\\|"))
                .append("` |\n");
          }
        }
      }
      if (c.changes.isEmpty()) {
        sb.append("\nNo operation, field or enum changed (prose or ordering only).\n");
      }
    }
    return sb.toString();
  }

  private static String abbrev(String sha) {
    return sha == null ? "none" : sha.substring(0, Math.min(12, sha.length()));
  }

  private static TreeSet<String> opKeys(SpecSummary s) {
    TreeSet<String> keys = new TreeSet<>();
    s.operations.forEach(o -> keys.add(o.split(" ", 2)[0]));
    return keys;
  }

  /** {@code destinations.update body.name} belongs to operation {@code destinations.update}. */
  private static boolean inOps(String field, TreeSet<String> ops) {
    return ops.contains(field.split(" ", 2)[0]);
  }

  private static boolean request(String field) {
    return !field.split(" ", 2)[1].startsWith("response");
  }

  private static String flags(SpecSummary s, String field) {
    String t = s.fieldTypes.get(field);
    return t == null ? "" : t;
  }

  /**
   * True when a parent of {@code f} is also in {@code in} but not in {@code notIn}: report the
   * parent only.
   */
  private static boolean parentIn(String f, TreeSet<String> in, TreeSet<String> notIn) {
    String p = f;
    for (int i = p.lastIndexOf('.'); i > p.indexOf(' '); i = p.lastIndexOf('.')) {
      p = p.substring(0, i).replaceAll("\\[\\]$", "");
      if (in.contains(p) && !notIn.contains(p)) {
        return true;
      }
    }
    return false;
  }
}
