package com.oursprivacy.kafka.connect;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.sink.SinkConnector;

/**
 * The Ours Privacy sink connector: sends the records of Kafka topics to the ingest API as events,
 * effectively once (every event carries a deterministic distinctId, which the API deduplicates).
 * Tasks share one configuration; Connect spreads the topics' partitions over them.
 *
 * <pre>
 * connector.class=com.oursprivacy.kafka.connect.OursSinkConnector
 * topics=purchases
 * ours.test.token=${file:/etc/ours/secrets.properties:testToken}
 * ours.event.name=Purchase
 * ours.user.id.field=user.id
 * </pre>
 *
 * <p>Settings: {@link OursSinkConfig}; a guide with a complete worker configuration:
 * docs/kafka-connect.md.
 */
public class OursSinkConnector extends SinkConnector {
  private Map<String, String> props = Map.of();

  /** Creates the connector; Connect calls {@link #start} next. */
  public OursSinkConnector() {}

  /**
   * The connector's version.
   *
   * @return the version of this artifact
   */
  @Override
  public String version() {
    return Version.get();
  }

  /**
   * Checks the configuration and keeps it for the tasks.
   *
   * @param props the connector's configuration
   * @throws ConfigException when it is not usable (the message names the setting and the rule)
   */
  @Override
  public void start(Map<String, String> props) {
    OursSinkConfig c = new OursSinkConfig(props);
    List<String> problems = problems(c, props);
    if (!problems.isEmpty()) {
      throw new ConfigException("invalid Ours sink configuration: " + String.join("; ", problems));
    }
    this.props = Map.copyOf(props);
  }

  /**
   * The task class.
   *
   * @return {@link OursSinkTask}
   */
  @Override
  public Class<? extends Task> taskClass() {
    return OursSinkTask.class;
  }

  /**
   * One identical configuration per task.
   *
   * @param maxTasks {@code tasks.max}
   * @return {@code maxTasks} copies of the configuration
   */
  @Override
  public List<Map<String, String>> taskConfigs(int maxTasks) {
    List<Map<String, String>> out = new ArrayList<>(maxTasks);
    for (int i = 0; i < maxTasks; i++) {
      out.add(new HashMap<>(props));
    }
    return out;
  }

  /** Nothing to release: the tasks hold the clients. */
  @Override
  public void stop() {}

  /**
   * The settings and their documentation.
   *
   * @return {@link OursSinkConfig#CONFIG_DEF}
   */
  @Override
  public ConfigDef config() {
    return OursSinkConfig.CONFIG_DEF;
  }

  /**
   * Connect's per-setting validation plus the rules between settings (one event name source, an
   * identity path, the token for the mode, the retry budget against the poll interval), each
   * reported on the setting it concerns, as Connect's REST API and UIs show them.
   *
   * @param connectorConfigs the configuration to check
   * @return every setting with its value and error messages
   */
  @Override
  public Config validate(Map<String, String> connectorConfigs) {
    Config result = super.validate(connectorConfigs);
    boolean clean = result.configValues().stream().allMatch(v -> v.errorMessages().isEmpty());
    if (!clean) {
      return result; // per-setting errors first: the cross-setting rules need parsed values
    }
    OursSinkConfig c = new OursSinkConfig(connectorConfigs);
    Map<String, String> problems = new HashMap<>(c.problems());
    String budget = c.budgetProblem(maxPollInterval(connectorConfigs));
    if (budget != null) {
      problems.put(OursSinkConfig.RETRY_TIMEOUT_MS, budget);
    }
    for (ConfigValue v : result.configValues()) {
      String p = problems.get(v.name());
      if (p != null) {
        v.addErrorMessage(v.name() + ": " + p);
      }
    }
    return result;
  }

  private static List<String> problems(OursSinkConfig c, Map<String, String> props) {
    List<String> out = new ArrayList<>();
    c.problems().forEach((k, v) -> out.add(k + ": " + v));
    String budget = c.budgetProblem(maxPollInterval(props));
    if (budget != null) {
      out.add(budget);
    }
    return out;
  }

  private static long maxPollInterval(Map<String, String> props) {
    String v = props.get(OursSinkConfig.MAX_POLL_INTERVAL);
    if (v == null || v.isBlank()) {
      return OursSinkConfig.DEFAULT_MAX_POLL_INTERVAL_MS;
    }
    try {
      return Long.parseLong(v.trim());
    } catch (NumberFormatException e) {
      return OursSinkConfig.DEFAULT_MAX_POLL_INTERVAL_MS;
    }
  }
}
