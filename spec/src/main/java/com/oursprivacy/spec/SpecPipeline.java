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
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The build step behind {@code spec/}: pull → verify → normalize → annotate → lock/drift, for
 * the platform and the ingest spec. Run by the build after this module compiles; configured by
 * system properties ({@code ours.spec.platform}, {@code ours.spec.ingest}, {@code
 * ours.spec.strict}, {@code ours.spec.updateLock}, {@code ours.spec.root}, {@code ours.spec.out}).
 */
public final class SpecPipeline {
  static final String PLATFORM_URL = "https://app.oursprivacy.com/rest/v1/openapi.json";
  static final String INGEST_URL = "https://api.oursprivacy.com/api/v1/openapi";
  private static final int DRIFT_LIST_LIMIT = 40;

  private SpecPipeline() {}

  /** Entry point for the build; fails with a one-line message on an unusable spec. */
  public static void main(String[] args) {
    Path root = Path.of(System.getProperty("ours.spec.root", ".")).toAbsolutePath().normalize();
    Path out = Path.of(System.getProperty("ours.spec.out", root.resolve("spec/target/openapi").toString()));
    boolean strict = Boolean.parseBoolean(System.getProperty("ours.spec.strict", "false"));
    boolean update = Boolean.parseBoolean(System.getProperty("ours.spec.updateLock", "false"));
    // A SpecException's one-line message becomes the build's error line; no stack trace.
    run(root, out, strict, update,
        SpecSource.resolve("platform", System.getProperty("ours.spec.platform"), root,
            "platform-openapi.json", PLATFORM_URL),
        SpecSource.resolve("ingest", System.getProperty("ours.spec.ingest"), root,
            "ingest-openapi.json", INGEST_URL));
  }

  static void run(Path root, Path out, boolean strict, boolean update, SpecSource... sources) {
    Path lockFile = root.resolve("spec/spec.lock");
    SpecLock lock = SpecLock.read(lockFile);
    SpecLock fresh = new SpecLock();
    List<String> drift = new ArrayList<>();
    for (SpecSource src : sources) {
      byte[] raw = src.read(root);
      JsonObject spec = parse(src, raw);
      SpecSummary summary = SpecSummary.of(spec, raw, src.display(root));
      JsonObject normalized = prepare(spec);
      write(out.resolve(src.name + ".json"), normalized);
      // the spec as pulled, for tests that derive older or newer variants from it
      writeRaw(out.resolve(src.name + ".source.json"), raw);
      fresh.specs.put(src.name, summary);
      int models = Json.obj(Json.obj(normalized, "components"), "schemas").size();
      System.out.println(String.format(Locale.ROOT,
          "[ours-spec] %s: %d operations, %d named schemas, sha256 %s… from %s",
          src.name, summary.operationCount, models, summary.sha256.substring(0, 12), summary.source));
      drift.addAll(SpecLock.drift(src.name, lock.specs.get(src.name), summary, DRIFT_LIST_LIMIT));
    }
    boolean firstLock = lock.specs.isEmpty();
    if (!drift.isEmpty() && !firstLock) {
      drift.forEach(l -> System.out.println("[ours-spec] " + l));
      if (update) {
        System.out.println("[ours-spec] spec/spec.lock updated.");
      } else if (strict) {
        throw new SpecException(
            "The specs differ from spec/spec.lock and -Dours.spec.strict=true; review the drift"
                + " above and accept it with -Dours.spec.updateLock=true.");
      } else {
        System.out.println("[ours-spec] drift is reported, not fatal; accept it with"
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
      String msg = ex.getMessage() == null ? "malformed JSON" : ex.getMessage().split("\n")[0];
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
        throw new IllegalStateException("normalizer produced a generator-style name: " + en.getKey());
      }
    }
    return copy;
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
