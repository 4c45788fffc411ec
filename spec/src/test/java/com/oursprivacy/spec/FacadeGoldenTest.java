package com.oursprivacy.spec;

import static org.assertj.core.api.Assertions.assertThat;

import com.palantir.javapoet.JavaFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Pins the generated facade source of representative operations (fragment {@code facade.json}): a
 * cursor list, an offset list with a required {@code date-time} query parameter, a create with a
 * required open enum and a free-form map, a PATCH with nullable fields and a patch-only map, a
 * delete answering a boolean, an action whose body holds nested objects, and an unpaged list. A
 * reviewer reads a generator change as the diff of {@code src/test/resources/golden/}.
 *
 * <p>To regenerate after an intended change: {@code ./mvnw -B -q -pl spec test
 * -Dtest=FacadeGoldenTest -Dours.golden.update=true}, then review and commit the diff.
 */
class FacadeGoldenTest {
  private static final boolean UPDATE = Boolean.getBoolean("ours.golden.update");
  private static final Map<String, String> GENERATED = generate();

  private static Map<String, String> generate() {
    Map<String, String> out = new LinkedHashMap<>();
    for (JavaFile f : FacadeWriter.files(Fragments.prepared("facade.json"))) {
      out.put(f.typeSpec().name(), FacadeWriter.source(f));
    }
    return out;
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "DestinationService", // cursor list, create, retrieve, PATCH, delete → boolean
        "DestinationServiceImpl", // its implementation, in the internal package
        "DestinationListParams", // query: int64 → long, enum as String
        "DestinationCreateParams", // required enum, free-form map, date-time
        "DestinationUpdateParams", // tri-state PATCH, nullable fields, patch-only map,
        // from(current)
        "ExperimentService", // an action with a body
        "ExperimentServiceImpl",
        "ExperimentStartParams", // nested objects as immutable Inputs
        "ExperimentStartRuleInput", // a nested body object with a required field
        "ConsentSettingService", // offset list
        "ConsentSettingServiceImpl",
        "ConsentSettingPageAnalysisParams", // a required date-time query parameter
        "AllowedEventService", // unpaged list
        "AllowedEventServiceImpl",
        "ResourceAccessors", // the package-private accessors OursPrivacy inherits
        "FacadeIndex"
      })
  void generatedSourceMatchesItsGoldenFile(String type) throws IOException {
    String actual = GENERATED.get(type);
    assertThat(actual)
        .as("generated " + type + "; generated types: " + GENERATED.keySet())
        .isNotNull();
    String file = type + ".java.txt";
    if (UPDATE) {
      Path dir = Path.of("src/test/resources/golden");
      Files.createDirectories(dir);
      Files.writeString(dir.resolve(file), actual, StandardCharsets.UTF_8);
      return; // written: the next plain run compares against it
    }
    assertThat(actual).isEqualTo(golden(file));
  }

  @Test
  void specProseCannotBreakJavadoc() {
    // the formatter wraps Javadoc: compare the text with its line breaks joined
    String service = GENERATED.get("DestinationService").replaceAll("\\n\\s*\\* ", " ");
    assertThat(service)
        .contains(
            "Settings are &lt;b&gt;per type&lt;/b&gt; &amp; validated by the server; see *&#47; and"
                + " &#123;&#64;code x&#125; and &#64;since.")
        .doesNotContain("<b>per type");
    assertThat(Docs.prose("a */ b <c> & {@link X} \\u0041"))
        .isEqualTo("a *&#47; b &lt;c&gt; &amp; &#123;&#64;link X&#125; &#92;u0041");
  }

  @Test
  void theFacadeHasNoPublicIndexAndOursPrivacyInheritsNothingPublic() {
    assertThat(GENERATED.get("FacadeIndex")).contains("\nfinal class FacadeIndex {");
    assertThat(GENERATED.get("ResourceAccessors")).contains("\nabstract class ResourceAccessors {");
  }

  @Test
  void everyFileSaysItIsGeneratedAndServicesAreInterfacesWithInternalImplementations() {
    for (Map.Entry<String, String> e : GENERATED.entrySet()) {
      assertThat(e.getValue())
          .as(e.getKey())
          .startsWith(
              "// Generated from platform.json by com.oursprivacy.spec.FacadeWriter — do not edit.\n");
    }
    assertThat(GENERATED.get("DestinationService"))
        .contains("\npublic interface DestinationService {")
        .contains("\n  interface WithRawResponse {")
        .doesNotContain("ClientCore");
    assertThat(GENERATED.get("DestinationServiceImpl"))
        .contains("package com.oursprivacy.internal.resources;")
        .contains("public final class DestinationServiceImpl implements DestinationService {");
  }

  @Test
  void generatedLinesStayWithin100ColumnsWhereTheFormatterCanBreakThem() {
    for (Map.Entry<String, String> e : GENERATED.entrySet()) {
      for (String line : (Iterable<String>) e.getValue().lines()::iterator) {
        // a single long token (a string literal, a URL in prose) cannot be broken
        if (line.length() > 100) {
          assertThat(line.strip()).as(e.getKey()).doesNotContain(" ");
        }
      }
    }
  }

  @Test
  void enumQueryParametersGetATypedSetterBesideTheStringOne() {
    assertThat(GENERATED.get("DestinationListParams"))
        .contains("public enum Status {")
        .contains("public Builder status(Status status) {")
        .contains("public Builder status(@Nullable String status) {");
  }

  @Test
  void everyOperationOfTheFragmentIsInTheIndex() {
    List<String> keys =
        List.of(
            "destinations.list",
            "destinations.create",
            "destinations.retrieve",
            "destinations.update",
            "destinations.delete",
            "experiments.start",
            "consent_settings.pageAnalysis",
            "allowed_events.list");
    for (String k : keys) {
      assertThat(GENERATED.get("FacadeIndex")).contains("\"" + k + "\"");
    }
  }

  private static String golden(String file) throws IOException {
    try (InputStream in = FacadeGoldenTest.class.getResourceAsStream("/golden/" + file)) {
      assertThat(in)
          .as("golden file " + file + " (regenerate with -Dours.golden.update=true)")
          .isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
