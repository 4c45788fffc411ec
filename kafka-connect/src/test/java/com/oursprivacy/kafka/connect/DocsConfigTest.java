package com.oursprivacy.kafka.connect;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.kafka.common.config.ConfigValue;
import org.junit.jupiter.api.Test;

/** The configurations users copy (the guide's blocks, the plugin's example) validate cleanly. */
class DocsConfigTest {
  static void assertValid(Map<String, String> connector) {
    assertThat(
            new OursSinkConnector()
                .validate(connector).configValues().stream()
                    .filter(v -> !v.errorMessages().isEmpty())
                    .map(ConfigValue::errorMessages))
        .isEmpty();
  }

  @Test
  void theGuidesConnectorConfigurationIsValid() {
    Map<String, String> c = DocsConfig.block("connector");
    assertThat(c).containsEntry("connector.class", OursSinkConnector.class.getName());
    assertThat(c.get(OursSinkConfig.TEST_TOKEN)).startsWith("${file:");
    assertValid(c);
  }

  @Test
  void theGuidesWorkerConfigurationLoadsPluginsAndTheFileProvider() {
    Map<String, String> w = DocsConfig.block("worker");
    assertThat(w).containsKeys("bootstrap.servers", "plugin.path", "offset.storage.file.filename");
    assertThat(w.get("config.providers.file.class"))
        .isEqualTo(org.apache.kafka.common.config.provider.FileConfigProvider.class.getName());
  }

  @Test
  void thePluginsExampleConfigurationIsValid() throws IOException {
    String text =
        Files.readString(
            Path.of("src", "main", "plugin", "ours-sink.properties"), StandardCharsets.UTF_8);
    assertValid(DocsConfig.load(text));
  }
}
