package com.oursprivacy.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The spec-update flow on a real spec: locked on an older spec derived from the pulled one, the
 * current spec fails the strict build with a classified report, and an update accepts it.
 */
class SpecUpdateTest {
  @TempDir Path root;

  private String run(Path spec, boolean update) {
    PrintStream old = System.out;
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
    try {
      SpecPipeline.run(
          root,
          root.resolve("out"),
          true,
          update,
          root.resolve("report"),
          "0.1.0-SNAPSHOT",
          SpecSource.resolve(
              "platform",
              spec.toString(),
              root,
              "platform-openapi.json",
              SpecPipeline.PLATFORM_URL));
    } finally {
      System.setOut(old);
    }
    return buf.toString(StandardCharsets.UTF_8);
  }

  @Test
  void olderToCurrentIsClassifiedReportedFailsStrictAndIsAcceptedByUpdate() throws IOException {
    Files.createDirectories(root.resolve("spec"));
    JsonObject current = OlderSpec.pulled();
    JsonObject older = OlderSpec.derive(current);
    Path spec = root.resolve("platform.json");
    Files.writeString(spec, older.toString());
    // also kept for the japicmp demonstration (.ci/api-compat-demo builds an SDK from it)
    Files.createDirectories(Path.of("target/derived"));
    Files.writeString(Path.of("target/derived/platform-older.json"), older.toString());
    run(spec, false); // first lock

    Files.writeString(spec, current.toString());
    assertThatThrownBy(() -> run(spec, false))
        .isInstanceOf(SpecException.class)
        .hasMessageContaining("semver bump MAJOR")
        .hasMessageContaining("-Dours.spec.updateLock=true");
    String report = Files.readString(root.resolve("report/report.md"));
    assertThat(report)
        .contains(
            "| operation removed | `legacy_reports.retrieve GET /rest/v1/legacy-reports/{id}` |")
        .contains("| enum value removed | `destinations.create body.type = LegacyPixel` |")
        .contains("| request field became required | `destinations.create body.type` |")
        .contains("| response field added | `destinations.retrieve response.hashingSalt` |")
        // additive in the spec, breaking in Java: the retrieve response now shares the list item's
        // shape
        .contains(
            "| class renamed DestinationRetrieveResponse → Destination | `destinations.retrieve response` |");
    java.util.Properties summary = new java.util.Properties();
    try (java.io.Reader r = Files.newBufferedReader(root.resolve("report/summary.properties"))) {
      summary.load(r);
    }
    int breaking = Integer.parseInt(summary.getProperty("breaking"));
    int additive = Integer.parseInt(summary.getProperty("additive"));
    assertThat(breaking).isGreaterThanOrEqualTo(OlderSpec.BREAKING + 1);
    assertThat(additive).isGreaterThanOrEqualTo(OlderSpec.ADDITIVE);
    assertThat(summary).containsEntry("bump", "major").containsEntry("nextVersion", "0.1.0");
    assertThat(report)
        .contains(
            "**" + breaking + " breaking, " + additive + " additive** → semver bump **MAJOR**");

    String out = run(spec, true);
    assertThat(out).contains("spec/spec.lock updated.").contains("| operation removed |");
    assertThat(run(spec, false)).doesNotContain("differs");
  }
}
