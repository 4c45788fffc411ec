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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The build step behind {@code spec/}: pull → verify → normalize → annotate → lock/drift, for the
 * platform and the ingest spec. A spec that differs from {@code spec/spec.lock} fails the build
 * (strict by default) with a report classifying each change as breaking or additive ({@link
 * SpecChanges}), until it is accepted with {@code ours.spec.updateLock=true}. Run by the build
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
    boolean strict = Boolean.parseBoolean(System.getProperty("ours.spec.strict", "true"));
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

  static void run(Path root, Path out, boolean strict, boolean update, SpecSource... sources) {
    run(root, out, strict, update, out.resolveSibling("spec-update"), "0.0.0-SNAPSHOT", sources);
  }

  /**
   * Pulls, prepares and writes every spec; when one differs from {@code spec/spec.lock}, writes the
   * classified report ({@code report.md}, {@code summary.properties}) to {@code reportDir}, then
   * accepts the change ({@code update}), fails ({@code strict}) or only warns.
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
    for (SpecSource src : sources) {
      byte[] raw = src.read(root);
      JsonObject spec = parse(src, raw);
      SpecSummary summary = SpecSummary.of(spec, raw, src.display(root));
      JsonObject normalized = prepare(spec);
      summary.classNames(normalized);
      write(out.resolve(src.name + ".json"), normalized);
      // what generated-client/ generates from: the same spec, prose escaped for Javadoc
      write(out.resolve("generator").resolve(src.name + ".json"), GeneratorInput.of(normalized));
      // the spec as pulled, for tests that derive older or newer variants from it
      writeRaw(out.resolve(src.name + ".source.json"), raw);
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
      SpecSummary locked = lock.specs.get(src.name);
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
      if (update) {
        System.out.println("[ours-spec] spec/spec.lock updated.");
      } else if (strict) {
        long breaking = changes.stream().mapToLong(c -> c.count(SpecChanges.Kind.BREAKING)).sum();
        long additive = changes.stream().mapToLong(c -> c.count(SpecChanges.Kind.ADDITIVE)).sum();
        throw new SpecException(
            String.format(
                Locale.ROOT,
                "The specs differ from spec/spec.lock (%d breaking, %d additive changes, semver bump %s;"
                    + " report above and in %s). Review it and accept the change with"
                    + " -Dours.spec.updateLock=true (or ./mvnw -Pspec-update).",
                breaking,
                additive,
                SpecChanges.worst(changes),
                reportDir.resolve("report.md")));
      } else {
        System.out.println(
            "[ours-spec] drift is reported, not fatal; accept it with"
                + " -Dours.spec.updateLock=true (or fail on it with -Dours.spec.strict=true).");
      }
    }
    if (firstLock || update) {
      fresh.write(lockFile);
      if (firstLock) {
        System.out.println("[ours-spec] wrote " + lockFile);
      }
    }
  }

  /** Parses and checks that the document is OpenAPI 3 with at least one operation. */
  static JsonObject parse(SpecSource src, byte[] raw) {
    JsonElement e;
    try {
      e = JsonParser.parseString(new String(raw, StandardCharsets.UTF_8));
    } catch (JsonParseException ex) {
      String msg = ex.getMessage() == null ? "malformed JSON" : ex.getMessage().split("\n", 2)[0];
      throw src.invalid("invalid JSON: " + msg);
    }
    if (!e.isJsonObject()) {
      throw src.invalid("the top level is not a JSON object");
    }
    return verify(src, e.getAsJsonObject());
  }

  static JsonObject verify(SpecSource src, JsonObject spec) {
    String version = Json.str(spec, "openapi");
    if (version == null || !version.startsWith("3.")) {
      throw src.invalid("missing 'openapi: 3.x'" + (version == null ? "" : ", found " + version));
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

  /** Normalize and annotate a copy; the input is left untouched. */
  static JsonObject prepare(JsonObject spec) {
    JsonObject copy = spec.deepCopy();
    int before = Operation.all(copy).size();
    Normalizer.normalize(copy);
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

  private static void write(Path file, JsonObject spec) {
    Gson gson = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();
    try {
      Files.createDirectories(file.getParent());
      Files.write(file, gson.toJson(spec).getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
