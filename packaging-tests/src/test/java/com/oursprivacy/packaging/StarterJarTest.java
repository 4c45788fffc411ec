package com.oursprivacy.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The Spring Boot starter as published: its jar carries the auto-configuration registration, the
 * failure analyzer and the configuration metadata IDEs complete properties from.
 */
class StarterJarTest {
  /** The starter on the test class path: its jar after package, its classes before. */
  private static Path starter() {
    return Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
        .map(Path::of)
        .filter(
            p ->
                p.toString().contains("ours-privacy-spring-boot-starter")
                    || p.toString().contains("spring-boot-starter" + File.separator + "target"))
        .findFirst()
        .orElseThrow(() -> new AssertionError("the starter is not on the test class path"));
  }

  private static String entry(String name) throws IOException {
    Path s = starter();
    if (Files.isDirectory(s)) {
      return Files.readString(s.resolve(name), StandardCharsets.UTF_8);
    }
    try (JarFile jar = new JarFile(s.toFile())) {
      assertThat(jar.getJarEntry(name)).as(name + " in " + s).isNotNull();
      try (InputStream in = jar.getInputStream(jar.getJarEntry(name))) {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
    }
  }

  @Test
  void registersItsAutoConfigurationsAndFailureAnalyzer() throws IOException {
    assertThat(
            entry(
                "META-INF/spring/org.springframework.boot.autoconfigure.AutoConfiguration.imports"))
        .contains(
            "com.oursprivacy.spring.OursPrivacyAutoConfiguration",
            "com.oursprivacy.spring.OursTrackerAutoConfiguration",
            "com.oursprivacy.spring.actuate.OursPrivacyActuatorAutoConfiguration");
    assertThat(entry("META-INF/spring.factories"))
        .contains("com.oursprivacy.spring.OursPrivacyFailureAnalyzer")
        .contains("com.oursprivacy.spring.test.OursSandboxContextCustomizerFactory");
    assertThat(entry("META-INF/spring-autoconfigure-metadata.properties"))
        .contains("com.oursprivacy.spring.OursPrivacyAutoConfiguration.ConditionalOnClass");
  }

  @Test
  void carriesConfigurationMetadataWithDescriptionsAndDefaults() throws IOException {
    String metadata = entry("META-INF/spring-configuration-metadata.json");
    assertThat(metadata)
        .contains("\"name\": \"ours.privacy.api-key\"")
        .contains("\"name\": \"ours.privacy.ingest.test-token\"")
        .contains("\"name\": \"ours.privacy.tracker.spool.path\"")
        .contains("\"name\": \"management.health.ours-privacy.enabled\"")
        .contains("\"defaultValue\": \"5s\"")
        .contains("Organization API key for the Platform REST API");
  }
}
