package com.oursprivacy.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * README's Install snippets are what the consumer build (src/it/consumer) uses, word for word
 * except the version, and name the version this build is about to release.
 */
class ReadmeInstallTest {
  private static final Path ROOT = WorkflowsTest.ROOT;
  private static final String VERSION = System.getProperty("ours.projectVersion");

  private static String readme() throws IOException {
    return Files.readString(ROOT.resolve("README.md"), StandardCharsets.UTF_8);
  }

  /**
   * The fenced blocks of {@code lang} between {@code <!-- readme:name -->} and the next marker or
   * heading.
   */
  private static List<String> blocks(String name, String lang) throws IOException {
    String md = readme();
    int start = md.indexOf("<!-- readme:" + name + " -->");
    assertThat(start).as("README marker readme:" + name).isNotNegative();
    int end = md.length();
    for (String stop : new String[] {"<!-- readme:", "\n## ", "\n**"}) {
      int i = md.indexOf(stop, start + 10);
      if (i > 0 && i < end) {
        end = i;
      }
    }
    Matcher m =
        Pattern.compile("```" + lang + "\\n(.*?)```", Pattern.DOTALL)
            .matcher(md.substring(start, end));
    List<String> out = new ArrayList<>();
    while (m.find()) {
      out.add(m.group(1));
    }
    assertThat(out).as("```" + lang + " blocks after readme:" + name).isNotEmpty();
    return out;
  }

  /** Lines stripped, blank and comment lines dropped: indentation is not part of the snippet. */
  private static String normalized(String xml) {
    return xml.lines()
        .map(String::strip)
        .filter(l -> !l.isEmpty() && !l.startsWith("<!--"))
        .collect(Collectors.joining("\n"));
  }

  /** The release this build becomes: README shows it before and after it is on Central. */
  private static String readmeVersion() {
    return VERSION.replace("-SNAPSHOT", "");
  }

  @Test
  void mavenSnippetsAreTheConsumersWordForWord() throws IOException {
    String consumer =
        normalized(
            Files.readString(
                ROOT.resolve("packaging-tests/src/it/consumer/pom.xml"), StandardCharsets.UTF_8));
    List<String> blocks = blocks("maven", "xml");
    assertThat(String.join("\n", blocks)).contains("<version>" + readmeVersion() + "</version>");
    for (String block : blocks) {
      String expected =
          normalized(block)
              .replace(
                  "<version>" + readmeVersion() + "</version>", "<version>@sdk.version@</version>");
      assertThat(consumer).as("README block in the consumer POM:%n%s", block).contains(expected);
    }
  }

  @Test
  void gradleSnippetNamesTheSameArtifactsAndVersion() throws IOException {
    String gradle = blocks("gradle", "kotlin").get(0);
    assertThat(gradle)
        .contains("platform(\"com.oursprivacy:ours-privacy-bom:" + readmeVersion() + "\")")
        .contains("implementation(\"com.oursprivacy:ours-privacy-java\")")
        .contains("testImplementation(\"com.oursprivacy:ours-privacy-sandbox\")");
  }

  @Test
  void localBuildInstructionsNameThisBuildsSnapshot() throws IOException {
    if (VERSION.endsWith("-SNAPSHOT")) {
      assertThat(readme()).contains("`" + VERSION + "`").contains("./mvnw -B install -DskipTests");
    }
  }

  @Test
  void bomVersionIsTheSdkVersion() throws IOException {
    String bom = Files.readString(ROOT.resolve("bom/pom.xml"), StandardCharsets.UTF_8);
    assertThat(bom)
        .contains(
            "<artifactId>ours-privacy-bom</artifactId>\n  <version>" + VERSION + "</version>");
  }
}
