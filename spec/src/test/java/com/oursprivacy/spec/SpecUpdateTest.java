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
      SpecPipeline.run(root, root.resolve("out"), true, update, root.resolve("report"), "0.1.0-SNAPSHOT",
          SpecSource.resolve("platform", spec.toString(), root, "platform-openapi.json", SpecPipeline.PLATFORM_URL));
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
        .hasMessageContaining(OlderSpec.BREAKING + " breaking, " + OlderSpec.ADDITIVE + " additive changes, semver bump MAJOR")
        .hasMessageContaining("-Dours.spec.updateLock=true");
    String report = Files.readString(root.resolve("report/report.md"));
    assertThat(report)
        .contains("**" + OlderSpec.BREAKING + " breaking, " + OlderSpec.ADDITIVE + " additive** → semver bump **MAJOR**")
        .contains("| operation removed | `legacy_reports.retrieve GET /rest/v1/legacy-reports/{id}` |")
        .contains("| enum value removed | `destinations.create body.type = LegacyPixel` |")
        .contains("| request field became required | `destinations.create body.type` |")
        .contains("| response field added | `destinations.retrieve response.hashingSalt` |");
    assertThat(Files.readString(root.resolve("report/summary.properties")))
        .contains("breaking=" + OlderSpec.BREAKING, "additive=" + OlderSpec.ADDITIVE, "bump=major", "nextVersion=0.1.0");

    String out = run(spec, true);
    assertThat(out).contains("spec/spec.lock updated.").contains("| operation removed |");
    assertThat(run(spec, false)).doesNotContain("differs");
  }
}
