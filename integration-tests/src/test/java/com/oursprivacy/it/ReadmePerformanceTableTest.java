package com.oursprivacy.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The README's Performance table is produced by {@code benchmarks/run.sh}, never hand-copied: the
 * markers it writes between exist once, in order, inside the Performance section, around a table,
 * and the script points the benchmark suite at the README. (The benchmarks themselves never run
 * here.)
 */
class ReadmePerformanceTableTest {
  // Kept equal to Report.TABLE_START / TABLE_END in benchmarks/ (not on this module's class path).
  private static final String START = "<!-- performance:table (written by benchmarks/run.sh) -->";
  private static final String END = "<!-- /performance:table -->";
  private static final Path ROOT = Path.of("..");

  @Test
  void theTableSitsBetweenTheMarkersThatRunShWrites() throws IOException {
    String readme = Files.readString(ROOT.resolve("README.md"), StandardCharsets.UTF_8);
    int section = readme.indexOf("\n## Performance\n");
    int start = readme.indexOf(START);
    int end = readme.indexOf(END);
    int next = section < 0 ? -1 : readme.indexOf("\n## ", section + 1);
    int sectionEnd = next < 0 ? readme.length() : next;
    assertThat(section).as("performance section").isNotNegative();
    assertThat(start).as("start marker").isGreaterThan(section);
    assertThat(readme.lastIndexOf(START)).as("one start marker").isEqualTo(start);
    assertThat(end).as("end marker after the start marker").isGreaterThan(start);
    assertThat(readme.lastIndexOf(END)).as("one end marker").isEqualTo(end);
    assertThat(sectionEnd).as("markers inside the section").isGreaterThan(end);
    assertThat(readme.substring(start, end)).contains("| figure | median | target |");

    String runSh = Files.readString(ROOT.resolve("benchmarks/run.sh"), StandardCharsets.UTF_8);
    assertThat(runSh).contains("--readme README.md");
  }
}
