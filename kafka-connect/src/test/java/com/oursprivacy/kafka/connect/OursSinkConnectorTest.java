package com.oursprivacy.kafka.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.junit.jupiter.api.Test;

/** Validation with messages on the setting they concern, and task configurations. */
class OursSinkConnectorTest {
  static Map<String, String> valid() {
    Map<String, String> c = new HashMap<>();
    c.put(OursSinkConfig.TEST_TOKEN, "tok_test_secret_value");
    c.put(OursSinkConfig.EVENT_NAME, "Purchase");
    c.put(OursSinkConfig.USER_ID_FIELD, "user.id");
    return c;
  }

  static Map<String, List<String>> errors(Map<String, String> config) {
    return new OursSinkConnector()
        .validate(config).configValues().stream()
            .filter(v -> !v.errorMessages().isEmpty())
            .collect(Collectors.toMap(ConfigValue::name, ConfigValue::errorMessages));
  }

  @Test
  void aValidConfigurationHasNoErrors() {
    assertThat(errors(valid())).isEmpty();
  }

  @Test
  void crossSettingRulesAreReportedOnTheSettingTheyConcern() {
    Map<String, String> c = valid();
    c.remove(OursSinkConfig.TEST_TOKEN);
    c.put(OursSinkConfig.EVENT_NAME_FIELD, "type");
    c.remove(OursSinkConfig.USER_ID_FIELD);
    c.put(OursSinkConfig.TIME_SOURCE, "field");
    Map<String, List<String>> e = errors(c);
    assertThat(e.get(OursSinkConfig.TEST_TOKEN)).singleElement().asString().contains("required");
    assertThat(e.get(OursSinkConfig.EVENT_NAME)).singleElement().asString().contains("exactly one");
    assertThat(e.get(OursSinkConfig.USER_ID_FIELD)).singleElement().asString().contains("identity");
    assertThat(e.get(OursSinkConfig.TIME_FIELD))
        .singleElement()
        .asString()
        .contains("time.source=field");
  }

  @Test
  void perSettingValidatorsNameTheRule() {
    Map<String, String> c = valid();
    c.put(OursSinkConfig.USER_ID_FIELD, "user..id");
    c.put(OursSinkConfig.MODE, "PROD");
    c.put(OursSinkConfig.BATCH_SIZE, "0");
    Map<String, List<String>> e = errors(c);
    assertThat(e.get(OursSinkConfig.USER_ID_FIELD).get(0)).contains("empty segment");
    assertThat(e.get(OursSinkConfig.MODE).get(0)).contains("TEST").contains("LIVE");
    assertThat(e.get(OursSinkConfig.BATCH_SIZE).get(0)).contains("at least 1");
  }

  @Test
  void liveModeNeedsTheLiveTokenAndIsRefusedUnderRequireTestMode() {
    Map<String, String> c = valid();
    c.put(OursSinkConfig.MODE, "LIVE");
    c.put(OursSinkConfig.REQUIRE_TEST_MODE, "true");
    Map<String, List<String>> e = errors(c);
    assertThat(e.get(OursSinkConfig.TOKEN).get(0)).contains("required when ours.mode=LIVE");
    assertThat(e.get(OursSinkConfig.MODE).get(0)).contains("ours.require.test.mode=true");
  }

  @Test
  void theRetryBudgetMustStayWellUnderThePollInterval() {
    Map<String, String> c = valid();
    c.put(OursSinkConfig.RETRY_TIMEOUT_MS, "200000");
    assertThat(errors(c).get(OursSinkConfig.RETRY_TIMEOUT_MS).get(0))
        .contains("half of the consumer's max.poll.interval.ms (300000 ms");
    c.put("consumer.override.max.poll.interval.ms", "900000");
    assertThat(errors(c)).isEmpty();
  }

  @Test
  void startRefusesAnUnusableConfigurationWithoutShowingTheToken() {
    Map<String, String> c = valid();
    c.remove(OursSinkConfig.EVENT_NAME);
    OursSinkConnector connector = new OursSinkConnector();
    assertThatThrownBy(() -> connector.start(c))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(OursSinkConfig.EVENT_NAME)
        .satisfies(t -> assertThat(t.getMessage()).doesNotContain("tok_test_secret_value"));
  }

  @Test
  void everyTaskGetsTheConfiguration() {
    OursSinkConnector connector = new OursSinkConnector();
    connector.start(valid());
    assertThat(connector.taskConfigs(3))
        .hasSize(3)
        .allSatisfy(t -> assertThat(t).isEqualTo(valid()));
    assertThat(connector.taskClass()).isEqualTo(OursSinkTask.class);
    assertThat(connector.version()).isNotEqualTo("unknown");
  }

  @Test
  void theTokenIsAPasswordHiddenInTheParsedConfig() {
    OursSinkConfig config = new OursSinkConfig(valid());
    assertThat(config.getPassword(OursSinkConfig.TEST_TOKEN).toString()).isEqualTo("[hidden]");
    assertThat(config.values().toString()).doesNotContain("tok_test_secret_value");
  }
}
