package com.oursprivacy.spec;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The build step behind {@code spec/}: pull → verify → canonicalize ({@link Canonical}: 3.1 as 3.0,
 * path-item parameters merged) → normalize → annotate → lock/drift, for the platform and the ingest
 * spec. A spec that differs from {@code spec/spec.lock} gets a report classifying each change as
 * breaking, additive or deprecated ({@link SpecChanges}); on CI ({@code CI=true}) or with {@code
 * ours.spec.strict=true} the build then fails until the change is accepted with {@code
 * ours.spec.updateLock=true}, elsewhere it warns and goes on with the pulled spec. Run by the build
 * after this module compiles; configured by system properties ({@code ours.spec.platform}, {@code
 * ours.spec.ingest}, {@code ours.spec.strict}, {@code ours.spec.updateLock}, {@code
 * ours.spec.root}, {@code ours.spec.out}: the build points it into this module's classes, see
 * {@link NormalizedSpecs}).
 */
public final class SpecPipeline {
  static final String PLATFORM_URL = "https://app.oursprivacy.com/rest/v1/openapi.json";
  static final String INGEST_URL = "https://api.oursprivacy.com/api/v1/openapi";
  private static final int DRIFT_LIST_LIMIT = 40;

  private SpecPipeline() {}

  /** Entry point for the build; fails with a one-line message on an unusable spec. */
  public static void main(String[] args) {
    Path root = Path.of(System.getProperty("ours.spec.root", ".")).toAbsolutePath().normalize();
    Path out =
        Path.of(
            System.getProperty(
                "ours.spec.out",
                root.resolve("spec/target/classes")
                    .resolve(NormalizedSpecs.RESOURCE_DIR)
                    .toString()));
    boolean strict = strict(System.getProperty("ours.spec.strict"), System.getenv("CI"));
    boolean update = Boolean.parseBoolean(System.getProperty("ours.spec.updateLock", "false"));
    Path reportDir =
        Path.of(
            System.getProperty(
                "ours.spec.reportDir", root.resolve("spec/target/spec-update").toString()));
    String sdkVersion = System.getProperty("ours.sdk.version", "0.0.0-SNAPSHOT");
    // A SpecException's one-line message becomes the build's error line; no stack trace.
    run(
        root,
        out,
        strict,
        update,
        reportDir,
        sdkVersion,
        SpecSource.resolve(
            "platform",
            System.getProperty("ours.spec.platform"),
            root,
            "platform-openapi.json",
            PLATFORM_URL),
        SpecSource.resolve(
            "ingest",
            System.getProperty("ours.spec.ingest"),
            root,
            "ingest-openapi.json",
            INGEST_URL));
  }

  /**
   * Whether drift fails the build: {@code ours.spec.strict} when set; else only on CI (the {@code
   * CI} environment variable is {@code true}, as on GitHub Actions), so that a fresh clone still
   * builds, with a warning and the report, after the live spec has moved on.
   */
  static boolean strict(String property, String ciEnv) {
    if (property != null && !property.isBlank()) {
      return Boolean.parseBoolean(property.trim());
    }
    return "true".equalsIgnoreCase(ciEnv == null ? "" : ciEnv.trim());
  }

  static void run(Path root, Path out, boolean strict, boolean update, SpecSource... sources) {
    run(root, out, strict, update, out.resolveSibling("spec-update"), "0.0.0-SNAPSHOT", sources);
  }

  /**
   * Pulls, verifies, normalizes and classifies every spec first; when one differs from {@code
   * spec/spec.lock}, writes the classified report ({@code report.md}, {@code summary.properties})
   * to {@code reportDir}, then accepts the change ({@code update}), fails ({@code strict}) or only
   * warns. Outputs and lock are written last, all together: a spec that fails any step leaves the
   * previous outputs and the lock as they were.
   */
  static void run(
      Path root,
      Path out,
      boolean strict,
      boolean update,
      Path reportDir,
      String sdkVersion,
      SpecSource... sources) {
    Path lockFile = root.resolve("spec/spec.lock");
    SpecLock lock = SpecLock.read(lockFile);
    SpecLock fresh = new SpecLock();
    List<String> drift = new ArrayList<>();
    List<SpecChanges> changes = new ArrayList<>();
    Map<String, String[]> hashes = new LinkedHashMap<>();
    Map<Path, byte[]> outputs = new LinkedHashMap<>();
    for (SpecSource src : sources) {
      byte[] raw = src.read(root);
      JsonObject spec = parse(src, raw);
      SpecSummary summary = SpecSummary.of(spec, raw, src.display(root));
      SpecSummary locked = lock.specs.get(src.name);
      JsonObject normalized =
          prepare(spec, locked == null ? Map.of() : Map.copyOf(locked.classes), src);
      summary.classNames(normalized);
      outputs.put(out.resolve(src.name + ".json"), json(normalized));
      // what generated-client/ generates from: the same spec, prose escaped for Javadoc
      outputs.put(
          out.resolve("generator").resolve(src.name + ".json"),
          json(GeneratorInput.of(normalized)));
      // the spec as pulled, for tests that derive older or newer variants from it
      outputs.put(out.resolve(src.name + ".source.json"), raw);
      fresh.specs.put(src.name, summary);
      int models = Json.obj(Json.obj(normalized, "components"), "schemas").size();
      System.out.println(
          String.format(
              Locale.ROOT,
              "[ours-spec] %s: %d operations, %d named schemas, sha256 %s… from %s",
              src.name,
              summary.operationCount,
              models,
              summary.sha256.substring(0, 12),
              summary.source));
      List<String> d = SpecLock.drift(src.name, locked, summary, DRIFT_LIST_LIMIT);
      drift.addAll(d);
      if (locked != null && !d.isEmpty()) {
        changes.add(SpecChanges.between(src.name, locked, summary));
        hashes.put(src.name, new String[] {locked.sha256, summary.sha256, summary.source});
      }
    }
    boolean firstLock = lock.specs.isEmpty();
    if (!drift.isEmpty() && !firstLock) {
      drift.forEach(l -> System.out.println("[ours-spec] " + l));
      String report = SpecChanges.markdown(changes, hashes, sdkVersion);
      writeReport(reportDir, report, changes, sdkVersion);
      System.out.println("[ours-spec] report (" + reportDir.resolve("report.md") + "):");
      report.lines().forEach(l -> System.out.println("[ours-spec]   " + l));
      long breaking = changes.stream().mapToLong(c -> c.count(SpecChanges.Kind.BREAKING)).sum();
      long additive = changes.stream().mapToLong(c -> c.count(SpecChanges.Kind.ADDITIVE)).sum();
      String counts =
          String.format(
              Locale.ROOT,
              "%d breaking, %d additive changes, semver bump %s",
              breaking,
              additive,
              SpecChanges.worst(changes));
      if (update) {
        System.out.println("[ours-spec] spec/spec.lock updated.");
      } else if (strict) {
        throw new SpecException(
            "The specs differ from spec/spec.lock ("
                + counts
                + "; report above and in "
                + reportDir.resolve("report.md")
                + "). Review it and accept the change with"
                + " -Dours.spec.updateLock=true (or ./mvnw -Pspec-update).");
      } else {
        System.out.println(
            "[ours-spec] WARNING: the specs differ from spec/spec.lock ("
                + counts
                + "); this build uses the pulled specs. CI and releases fail on this until the"
                + " change is accepted with -Dours.spec.updateLock=true (or ./mvnw -Pspec-update);"
                + " -Dours.spec.strict=true makes it fatal here too.");
      }
    }
    writeAll(outputs);
    if (firstLock || update) {
      fresh.write(lockFile);
      if (firstLock) {
        System.out.println("[ours-spec] wrote " + lockFile);
      }
    }
  }

  /** Parses, checks and canonicalizes ({@link Canonical}) a pulled spec. */
  static JsonObject parse(SpecSource src, byte[] raw) {
    String text = new String(raw, StandardCharsets.UTF_8).strip();
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1).strip();
    }
    if (text.isEmpty()) {
      throw src.invalid("the file is empty");
    }
    if (text.startsWith("<")) {
      throw src.invalid(
          "it starts with '<': an HTML page? (a login or error page, or a wrong URL)");
    }
    JsonElement e;
    try {
      e = JsonParser.parseString(text);
    } catch (JsonParseException ex) {
      String msg = ex.getMessage() == null ? "malformed JSON" : ex.getMessage().split("\n", 2)[0];
      throw src.invalid(
          "invalid JSON: "
              + msg
              + (text.startsWith("openapi:") || text.startsWith("swagger:") ? " (YAML?)" : ""));
    }
    if (!e.isJsonObject()) {
      throw src.invalid("the top level is not a JSON object");
    }
    JsonObject spec = verify(src, e.getAsJsonObject());
    try {
      return verify(src, Canonical.of(spec));
    } catch (Canonical.Unreadable u) {
      throw src.invalid(u.getMessage());
    }
  }

  static JsonObject verify(SpecSource src, JsonObject spec) {
    String swagger = Json.str(spec, "swagger");
    if (swagger != null) {
      throw src.invalid(
          "Swagger " + swagger + " (OpenAPI 2); convert it to OpenAPI 3.0 or 3.1 first");
    }
    String version = Json.str(spec, "openapi");
    if (version == null) {
      throw src.invalid("missing 'openapi: 3.x'");
    }
    if (!version.startsWith("3.0") && !version.startsWith("3.1")) {
      throw src.invalid("'openapi: " + version + "': only 3.0 and 3.1 are read");
    }
    if (Json.obj(spec, "paths") == null) {
      throw src.invalid("no 'paths' object");
    }
    List<Operation> ops = Operation.all(spec);
    if (ops.isEmpty()) {
      throw src.invalid("no operations under 'paths'");
    }
    for (Operation op : ops) {
      JsonObject responses = Json.obj(op.node, "responses");
      if (responses == null || responses.size() == 0) {
        throw src.invalid(op.method.toUpperCase(Locale.ROOT) + " " + op.path + " has no responses");
      }
    }
    return spec;
  }

  /** Canonicalize, normalize and annotate a copy; the input is left untouched. */
  static JsonObject prepare(JsonObject spec) {
    return prepare(spec, Map.of(), null);
  }

  /**
   * As {@link #prepare(JsonObject)}, keeping the class names {@code locked} ({@link
   * SpecSummary#classes} of the lock) with their shapes.
   */
  static JsonObject prepare(JsonObject spec, Map<String, String> locked, SpecSource src) {
    JsonObject copy;
    try {
      copy = Canonical.of(spec);
    } catch (Canonical.Unreadable u) {
      if (src != null) {
        throw src.invalid(u.getMessage());
      }
      throw new SpecException(u.getMessage());
    }
    int before = Operation.all(copy).size();
    Normalizer.normalize(copy, locked);
    Annotator.annotate(copy);
    int after = Operation.all(copy).size();
    if (before != after) {
      throw new IllegalStateException("normalizer lost operations: " + before + " -> " + after);
    }
    for (Map.Entry<String, JsonElement> en :
        Json.obj(Json.obj(copy, "components"), "schemas").entrySet()) {
      if (Normalizer.FORBIDDEN.matcher(en.getKey()).find()) {
        throw new IllegalStateException(
            "normalizer produced a generator-style name: " + en.getKey());
      }
    }
    return copy;
  }

  /**
   * {@code report.md} (the pull request body) and {@code summary.properties} (for the workflow).
   */
  private static void writeReport(
      Path dir, String report, List<SpecChanges> changes, String sdkVersion) {
    long breaking = changes.stream().mapToLong(c -> c.count(SpecChanges.Kind.BREAKING)).sum();
    long additive = changes.stream().mapToLong(c -> c.count(SpecChanges.Kind.ADDITIVE)).sum();
    SpecChanges.Bump bump = SpecChanges.worst(changes);
    String summary =
        "breaking="
            + breaking
            + "\nadditive="
            + additive
            + "\nbump="
            + bump.name().toLowerCase(Locale.ROOT)
            + "\nnextVersion="
            + SpecChanges.next(sdkVersion, bump)
            + "\n";
    writeRaw(dir.resolve("report.md"), report.getBytes(StandardCharsets.UTF_8));
    writeRaw(dir.resolve("summary.properties"), summary.getBytes(StandardCharsets.UTF_8));
  }

  private static void writeRaw(Path file, byte[] raw) {
    try {
      Files.createDirectories(file.getParent());
      Files.write(file, raw);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes every file beside its target first, then moves each into place. */
  private static void writeAll(Map<Path, byte[]> files) {
    Map<Path, Path> staged = new LinkedHashMap<>();
    try {
      for (Map.Entry<Path, byte[]> f : files.entrySet()) {
        Files.createDirectories(f.getKey().getParent());
        Path tmp = f.getKey().resolveSibling(f.getKey().getFileName() + ".tmp");
        Files.write(tmp, f.getValue());
        staged.put(tmp, f.getKey());
      }
      for (Map.Entry<Path, Path> f : staged.entrySet()) {
        Files.move(f.getKey(), f.getValue(), StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] json(JsonObject spec) {
    Gson gson = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();
    return gson.toJson(spec).getBytes(StandardCharsets.UTF_8);
  }
}
