package com.oursprivacy.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The GitHub workflows as a hosted repository would run them: each file matches the workflow schema
 * (strict: a misspelt key fails), and every step that runs something runs a script of this
 * repository that exists, is executable and names only profiles the POM defines.
 */
class WorkflowsTest {
  static final Path ROOT =
      Path.of(System.getProperty("ours.root", "..")).toAbsolutePath().normalize();
  static final Path WORKFLOWS = ROOT.resolve(".github/workflows");
  private static final Schema SCHEMA = schema();
  private static final YAMLMapper YAML = new YAMLMapper();

  private static Schema schema() {
    try (InputStream in = WorkflowsTest.class.getResourceAsStream("/github-workflow.schema.json")) {
      return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7).getSchema(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Stream<Path> workflows() throws IOException {
    try (Stream<Path> s = Files.list(WORKFLOWS)) {
      List<Path> files =
          s.filter(p -> p.toString().endsWith(".yml") || p.toString().endsWith(".yaml"))
              .sorted()
              .collect(Collectors.toList());
      assertThat(files)
          .extracting(p -> p.getFileName().toString())
          .containsExactlyInAnyOrder("ci.yml", "release.yml", "spec-update.yml");
      return files.stream();
    }
  }

  private static List<String> errors(String yaml) {
    return SCHEMA.validate(yaml, InputFormat.YAML).stream()
        .map(Error::toString)
        .collect(Collectors.toList());
  }

  private static JsonNode tree(Path workflow) throws IOException {
    return YAML.readTree(Files.readString(workflow, StandardCharsets.UTF_8));
  }

  private static List<JsonNode> steps(JsonNode wf) {
    List<JsonNode> out = new ArrayList<>();
    for (Map.Entry<String, JsonNode> job : wf.path("jobs").properties()) {
      out.addAll(job.getValue().path("steps").values());
    }
    return out;
  }

  @ParameterizedTest
  @MethodSource("workflows")
  void matchesTheWorkflowSchema(Path workflow) throws IOException {
    assertThat(errors(Files.readString(workflow, StandardCharsets.UTF_8))).isEmpty();
  }

  @Test
  void aTypoFailsTheValidation() throws IOException {
    String ci = Files.readString(WORKFLOWS.resolve("ci.yml"), StandardCharsets.UTF_8);
    assertThat(errors(ci.replaceFirst("runs-on:", "runs_on:"))).isNotEmpty();
    assertThat(errors(ci.replaceFirst("steps:", "step:"))).isNotEmpty();
    assertThat(errors(ci.replaceFirst("uses: actions/checkout@v4", "uses: actions/checkout")))
        .isNotEmpty();
    assertThat(errors(ci.replaceFirst("pull_request:", "pull-request:"))).isNotEmpty();
    assertThat(
            errors(
                ci.replaceFirst("- uses: actions/setup-java@v4", "- usses: actions/setup-java@v4")))
        .isNotEmpty();
  }

  @ParameterizedTest
  @MethodSource("workflows")
  void everyRunStepCallsAnExecutableScriptOfTheRepository(Path workflow) throws IOException {
    for (JsonNode step : steps(tree(workflow))) {
      if (step.has("run")) {
        String command = step.get("run").asString().strip().split("\\s+", 2)[0];
        assertThat(command).as("%s: %s", workflow.getFileName(), step).startsWith(".ci/");
        Path script = ROOT.resolve(command);
        assertThat(script).as(command).isRegularFile();
        assertThat(Files.isExecutable(script)).as(command + " is executable").isTrue();
      } else {
        assertThat(step.get("uses").asString())
            .as("actions are pinned to a version")
            .matches("[\\w.-]+/[\\w./-]+@v\\d+");
      }
    }
  }

  @Test
  void scriptsNameOnlyProfilesThePomDefines() throws IOException {
    String pom = Files.readString(ROOT.resolve("pom.xml"), StandardCharsets.UTF_8);
    Pattern profile = Pattern.compile("-P([\\w-]+)");
    List<String> named = new ArrayList<>();
    try (Stream<Path> scripts = Files.list(ROOT.resolve(".ci"))) {
      for (Path s : (Iterable<Path>) scripts::iterator) {
        Matcher m = profile.matcher(Files.readString(s, StandardCharsets.UTF_8));
        while (m.find()) {
          named.add(m.group(1));
          assertThat(pom)
              .as(s.getFileName() + " uses -P" + m.group(1))
              .contains("<id>" + m.group(1) + "</id>");
        }
      }
    }
    assertThat(named).contains("release", "spec-update", "api-compat");
  }

  @Test
  void ciVerifiesOnJdk17_21And25OnPushAndPullRequest() throws IOException {
    JsonNode ci = tree(WORKFLOWS.resolve("ci.yml"));
    assertThat(ci.path("on").propertyNames()).contains("push", "pull_request");
    assertThat(ci.path("jobs").path("verify").path("strategy").path("matrix").path("java").values())
        .extracting(JsonNode::asString)
        .containsExactly("17", "21", "25");
    assertThat(steps(ci)).extracting(s -> s.path("run").asString("")).contains(".ci/run");
  }

  @Test
  void specUpdateRunsDailyAndOnDemandAndLabelsBreakingChanges() throws IOException {
    JsonNode wf = tree(WORKFLOWS.resolve("spec-update.yml"));
    assertThat(wf.path("on").propertyNames())
        .containsExactlyInAnyOrder("schedule", "workflow_dispatch");
    JsonNode pr =
        steps(wf).stream()
            .filter(s -> s.path("uses").asString("").startsWith("peter-evans/create-pull-request@"))
            .findFirst()
            .orElseThrow();
    assertThat(pr.path("with").path("body-path").asString())
        .isEqualTo("spec/target/spec-update/report.md");
    assertThat(pr.path("with").path("labels").asString()).contains("steps.update.outputs.labels");
    assertThat(Files.readString(ROOT.resolve(".ci/spec-update"), StandardCharsets.UTF_8))
        .contains("labels=spec-update")
        .contains("labels=\"$labels,breaking\"")
        .contains("./mvnw -B -Pspec-update");
  }

  @Test
  void releaseRunsTheReleaseProfileOnVersionTags() throws IOException {
    JsonNode wf = tree(WORKFLOWS.resolve("release.yml"));
    assertThat(wf.path("on").path("push").path("tags").values())
        .extracting(JsonNode::asString)
        .containsExactly("v*");
    assertThat(Files.readString(ROOT.resolve(".ci/release"), StandardCharsets.UTF_8))
        .contains("./mvnw -B -Prelease -DskipTests -Dmaven.test.skip=true deploy");
  }
}
