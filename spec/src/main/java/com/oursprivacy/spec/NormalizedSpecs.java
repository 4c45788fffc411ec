package com.oursprivacy.spec;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * How the other modules get the normalized specs: as resources of the {@code ours-spec} artifact
 * (under {@value #RESOURCE_DIR}, written there by {@link SpecPipeline} when this module builds),
 * never from this module's {@code target/}. A consumer puts {@code ours-spec} on its classpath
 * (scope provided or test: nothing ships it) and either reads the resources or, where a tool wants
 * files (openapi-generator, the sandbox's jar), runs {@link #main} through exec-maven-plugin to
 * copy them into its own {@code target/}. In a reactor build the artifact is this module's jar, or
 * its {@code target/classes} when the build stops before {@code package} (the spec-update flow).
 */
public final class NormalizedSpecs {
  /** Where the normalized specs are, on the classpath of whoever depends on {@code ours-spec}. */
  public static final String RESOURCE_DIR = "com/oursprivacy/spec/openapi";

  private NormalizedSpecs() {}

  /**
   * Build entry point: copies the files named by {@code ours.specs.files} (comma-separated,
   * relative to {@value #RESOURCE_DIR}, e.g. {@code platform.json,generator/ingest.json}) from the
   * classpath into the directory {@code ours.specs.out}, keeping their relative paths.
   *
   * @param args unused
   */
  public static void main(String[] args) {
    Path out = Path.of(required("ours.specs.out"));
    List<String> files = List.of(required("ours.specs.files").split("\\s*,\\s*"));
    copy(files, out);
  }

  /**
   * Copies {@code files} (paths relative to {@value #RESOURCE_DIR}) from the classpath into {@code
   * out}.
   *
   * @param files the spec files wanted
   * @param out the directory they are copied into (created when missing)
   * @throws SpecException when a file is not on the classpath (ours-spec missing or not built)
   */
  public static void copy(List<String> files, Path out) {
    ClassLoader loader = NormalizedSpecs.class.getClassLoader();
    for (String file : files) {
      String resource = RESOURCE_DIR + "/" + file;
      try (InputStream in = open(loader, resource)) {
        Path target = out.resolve(file);
        Files.createDirectories(target.getParent());
        Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot copy " + resource + " to " + out, e);
      }
    }
  }

  /**
   * One spec file from the classpath, parsed.
   *
   * @param file a path relative to {@value #RESOURCE_DIR}, e.g. {@code platform.json}
   * @return the JSON object
   * @throws SpecException when the file is not on the classpath
   */
  public static JsonObject read(String file) {
    String resource = RESOURCE_DIR + "/" + file;
    try (InputStream in = open(NormalizedSpecs.class.getClassLoader(), resource)) {
      return JsonParser.parseString(new String(in.readAllBytes(), StandardCharsets.UTF_8))
          .getAsJsonObject();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + resource, e);
    }
  }

  private static InputStream open(ClassLoader loader, String resource) {
    InputStream in = loader.getResourceAsStream(resource);
    if (in == null) {
      throw new SpecException(
          resource + " is not on the classpath: depend on ours-spec and build it first");
    }
    return in;
  }

  private static String required(String property) {
    String value = System.getProperty(property);
    if (value == null || value.isBlank()) {
      throw new SpecException("system property " + property + " is required");
    }
    return value;
  }
}
