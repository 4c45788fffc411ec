package com.oursprivacy.it;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The spec files of this build: the normalized and the pulled specs, which the build copies from
 * the ours-spec artifact into target/ (execution export-specs in this module's POM) and names in
 * {@code ours.normalized.specs}.
 */
final class Specs {
  private Specs() {}

  /** The text of one spec file, e.g. {@code platform.json} or {@code ingest.source.json}. */
  static String text(String file) throws IOException {
    String dir = System.getProperty("ours.normalized.specs");
    if (dir == null) {
      throw new IllegalStateException(
          "ours.normalized.specs is not set: run these tests through Maven, which copies the specs"
              + " from ours-spec");
    }
    return Files.readString(Path.of(dir, file), StandardCharsets.UTF_8);
  }

  /** One spec file, parsed. */
  static JsonObject json(String file) throws IOException {
    return JsonParser.parseString(text(file)).getAsJsonObject();
  }
}
