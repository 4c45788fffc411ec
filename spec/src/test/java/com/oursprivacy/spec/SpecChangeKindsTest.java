package com.oursprivacy.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import com.oursprivacy.spec.SpecChanges.Bump;
import com.oursprivacy.spec.SpecChanges.Kind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The evolution suite: every kind of spec change a vendor makes, derived at test time from the spec
 * this build pulled ({@link Variants}), goes through the whole spec stage in-process (verify,
 * canonicalize, summarize, normalize against the lock of the pulled spec, annotate, facade model
 * and facade source, generator input) with no hand edit; the report classifies it and picks the
 * bump; and the Java API effect is the facade/model surface diff ({@link ApiSurface}). The full
 * library (generated client, facade, wrapper, under -Werror) is compiled for two combined variants
 * written here to {@code spec/target/derived/} by integration-tests' {@code RegenerationTest}.
 *
 * <p>{@code spec/target/evolution/table.md} lists every kind with its result.
 */
class SpecChangeKindsTest {
  private static final JsonObject PULLED = OlderSpec.pulled();
  private static final Path ROOT = Path.of("target/evolution");
  private static final Evolved BASE = new Evolved(PULLED, null);
  private static final Map<String, String> TABLE = new TreeMap<>();

  /** One variant through the spec stage, compared with the pulled spec. */
  static final class Evolved {
    final SpecSummary summary;
    final JsonObject normalized;
    final ApiSurface api;
    final SpecChanges changes;
    final String report;

    Evolved(JsonObject variant, Evolved base) {
      byte[] raw = variant.toString().getBytes(StandardCharsets.UTF_8);
      SpecSource src = source();
      JsonObject canonical = SpecPipeline.parse(src, raw);
      summary = SpecSummary.of(canonical, raw, "derived");
      normalized =
          SpecPipeline.prepare(canonical, base == null ? Map.of() : base.summary.classes, src);
      summary.classNames(normalized);
      // everything the build writes from it
      GeneratorInput.of(normalized);
      api = ApiSurface.of(normalized);
      changes = base == null ? null : SpecChanges.between("platform", base.summary, summary);
      report =
          base == null ? null : SpecChanges.markdown(List.of(changes), Map.of(), "0.1.0-SNAPSHOT");
    }

    long count(Kind k) {
      return changes.count(k);
    }
  }

  static SpecSource source() {
    return SpecSource.resolve(
        "platform", "derived.json", ROOT, "platform-openapi.json", SpecPipeline.PLATFORM_URL);
  }

  static Evolved evolve(UnaryOperator<JsonObject> change) {
    return new Evolved(change.apply(PULLED), BASE);
  }

  /**
   * A change kind: how to derive it, the bump, and report lines the report must hold ("kind | what
   * | where" as in report.md); {@code compatible} whether the Java API keeps every signature.
   */
  record Case(
      String name,
      UnaryOperator<JsonObject> derive,
      Bump bump,
      boolean compatible,
      List<String> reportLines) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Arguments> kinds() {
    List<Case> cases = new ArrayList<>();
    cases.add(
        new Case(
            "operation deprecated",
            Variants.copy(Variants::deprecateOperation),
            Bump.MINOR,
            true,
            List.of("| operation deprecated | `destinations.retrieve` |")));
    cases.add(
        new Case(
            "parameter deprecated",
            Variants.copy(Variants::deprecateParameter),
            Bump.MINOR,
            true,
            List.of("| parameter deprecated | `destinations.list query.status` |")));
    cases.add(
        new Case(
            "body field deprecated",
            Variants.copy(Variants::deprecateField),
            Bump.MINOR,
            true,
            List.of("| field deprecated | `destinations.create body.name` |")));
    cases.add(
        new Case(
            "path-item parameters",
            Variants.copy(Variants::pathItemParameters),
            Bump.PATCH,
            true,
            List.of("No operation, field or enum changed")));
    cases.add(
        new Case(
            "parameters by $ref",
            Variants.copy(Variants::referencedParameters),
            Bump.PATCH,
            true,
            List.of("No operation, field or enum changed")));
    cases.add(
        new Case(
            "request body and responses by $ref",
            Variants.copy(Variants::referencedBodiesAndResponses),
            Bump.PATCH,
            true,
            List.of("No operation, field or enum changed")));
    cases.add(
        new Case(
            "oneOf with discriminator",
            Variants.copy(Variants::oneOfWithDiscriminator),
            Bump.PATCH,
            true,
            List.of("No operation, field or enum changed")));
    cases.add(
        new Case(
            "oneOf without discriminator",
            Variants.copy(Variants::oneOfWithoutDiscriminator),
            Bump.PATCH,
            true,
            List.of("No operation, field or enum changed")));
    cases.add(
        new Case(
            "oneOf of $ref components, discriminator mapping",
            Variants.copy(Variants::discriminatedComponents),
            Bump.PATCH,
            true,
            List.of("No operation, field or enum changed")));
    cases.add(
        new Case(
            "new union variant",
            Variants.copy(Variants::newUnionVariant),
            Bump.MINOR,
            true,
            List.of(
                "| enum value added | `sources.tokens response.sourceType = server` |",
                "| response field added | `sources.tokens response.signingKey` |")));
    cases.add(
        new Case(
            "OpenAPI 3.1 rewrite",
            Variants::openApi31,
            Bump.PATCH,
            true,
            List.of("No operation, field or enum changed")));
    cases.add(
        new Case(
            "enum value added in responses only",
            Variants.copy(Variants::enumValueInResponsesOnly),
            Bump.MINOR,
            true,
            List.of("| enum value added | `destinations.retrieve response.status = Paused` |")));
    cases.add(
        new Case(
            "new optional query parameter",
            Variants.copy(Variants::newOptionalQueryParameter),
            Bump.MINOR,
            true,
            List.of("| optional request field added | `destinations.list query.search` |")));
    cases.add(
        new Case(
            "renamed operationId",
            Variants.copy(Variants::renamedOperationId),
            Bump.PATCH,
            true,
            List.of("No operation, field or enum changed")));
    cases.add(
        new Case(
            "new operation",
            Variants.copy(Variants::newOperation),
            Bump.MINOR,
            true,
            List.of(
                "| operation added | `destinations.test POST /rest/v1/destinations/{id}/test` |")));
    cases.add(
        new Case(
            "new optional response field",
            Variants.copy(Variants::newOptionalResponseField),
            Bump.MINOR,
            true,
            List.of(
                "| response field added | `destinations.retrieve response.lastDeliveredAt` |")));
    cases.add(
        new Case(
            "new field in one response only",
            Variants.copy(Variants::newFieldInOneResponse),
            Bump.MINOR,
            true,
            List.of("| response field added | `destinations.retrieve response.eventCount` |")));
    cases.add(
        new Case(
            "new security scheme, required",
            Variants.copy(Variants::newRequiredSecurityScheme),
            Bump.MAJOR,
            true,
            List.of(
                "| security requirement the SDK cannot satisfy | `destinations.list = apiKey +"
                    + " workspaceKey (was apiKey)` |")));
    cases.add(
        new Case(
            "new security scheme, alternative",
            Variants.copy(Variants::newAlternativeSecurityScheme),
            Bump.MINOR,
            true,
            List.of("| security scheme added | `workspaceKey = apiKey header x-workspace-key` |")));
    cases.add(
        new Case(
            "removed response field",
            Variants.copy(Variants::removedResponseField),
            Bump.MAJOR,
            false,
            List.of("| response field removed | `destinations.retrieve response.hashingSalt` |")));
    cases.add(
        new Case(
            "removed operation",
            Variants.copy(Variants::removedOperation),
            Bump.MAJOR,
            false,
            List.of(
                "| operation removed | `destinations.delete DELETE /rest/v1/destinations/{id}` |")));
    cases.add(
        new Case(
            "new required query parameter",
            Variants.copy(Variants::newRequiredQueryParameter),
            Bump.MAJOR,
            false,
            List.of("| required request field added | `destinations.list query.workspace` |")));
    cases.add(
        new Case(
            "changed field type",
            Variants.copy(Variants::changedFieldType),
            Bump.MAJOR,
            false,
            List.of("| type changed string → integer | `destinations.create body.name` |")));
    return cases.stream().map(Arguments::of);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("kinds")
  void eachChangeKindRegeneratesIsClassifiedAndHasTheExpectedJavaEffect(Case c) {
    Evolved e = evolve(c.derive());
    assertThat(e.report).as(c.name()).contains(c.reportLines());
    assertThat(e.changes.bump()).as(c.name() + "\n" + e.report).isEqualTo(c.bump());
    var removed = BASE.api.removedIn(e.api);
    var added = BASE.api.addedIn(e.api);
    if (c.compatible()) {
      assertThat(removed).as(c.name() + ": signatures removed or changed").isEmpty();
    } else {
      assertThat(removed).as(c.name()).isNotEmpty();
    }
    TABLE.put(
        c.name(),
        String.format(
            "| %s | yes | %d breaking, %d additive, %d deprecated | %s | -%d +%d |",
            c.name(),
            e.count(Kind.BREAKING),
            e.count(Kind.ADDITIVE),
            e.count(Kind.DEPRECATED),
            e.changes.bump(),
            removed.size(),
            added.size()));
  }

  @Test
  void deprecationsBecomeDeprecatedFacadeMembersWithTheSpecsWording() {
    Evolved e =
        evolve(
            Variants.copy(
                s -> {
                  Variants.deprecateOperation(s);
                  Variants.deprecateParameter(s);
                  Variants.deprecateField(s);
                }));
    assertThat(e.api.deprecated)
        .anyMatch(m -> m.startsWith("com.oursprivacy.resources.DestinationService#get("))
        .anyMatch(m -> m.startsWith("com.oursprivacy.resources.DestinationService#getAsync("))
        .anyMatch(m -> m.contains("DestinationListParams.Builder#status("))
        .anyMatch(m -> m.contains("DestinationCreateParams.Builder#name("));
    assertThat(source(e, "DestinationService"))
        .contains(
            "@deprecated deprecated by the API: Use destinations.list with a filter instead.");
    // The implementation calls the deprecated stub, and must compile under -Werror.
    assertThat(source(e, "DestinationServiceImpl")).contains("@SuppressWarnings(\"deprecation\")");
    assertThat(BASE.api.deprecated).isEmpty();
  }

  @Test
  void pathItemParametersKeepEveryOperationsSignature() {
    Evolved e = evolve(Variants.copy(Variants::pathItemParameters));
    assertThat(e.api.lines).isEqualTo(BASE.api.lines);
    assertThat(e.changes.changes).isEmpty();
    JsonObject get = Variants.op(e.normalized, Variants.ONE, "get");
    assertThat(get.getAsJsonArray("parameters").toString()).contains("\"name\":\"id\"");
    assertThat(
            e.normalized.getAsJsonObject("paths").getAsJsonObject(Variants.ONE).has("parameters"))
        .as("merged once, so the generator sees the same operations")
        .isFalse();
  }

  @Test
  void anOperationsOwnParameterWinsOverThePathItemsByInAndName() {
    JsonObject s = PULLED.deepCopy();
    Variants.pathItemParameters(s);
    JsonObject own = Variants.param(PULLED, Variants.ONE, "get", "id").deepCopy();
    own.addProperty("description", "the operation's own");
    Variants.op(s, Variants.ONE, "get").getAsJsonArray("parameters").add(own);
    JsonObject canonical = Canonical.of(s);
    var ps = Variants.op(canonical, Variants.ONE, "get").getAsJsonArray("parameters");
    assertThat(ps.size()).isEqualTo(1);
    assertThat(ps.get(0).getAsJsonObject().get("description").getAsString())
        .isEqualTo("the operation's own");
  }

  @Test
  void aDiscriminatedUnionFlattensWithoutItsDiscriminatorAndKeepsEveryValue() {
    for (UnaryOperator<JsonObject> change :
        List.of(
            Variants.copy(Variants::oneOfWithDiscriminator),
            Variants.copy(Variants::discriminatedComponents))) {
      Evolved e = evolve(change);
      JsonObject schemas = e.normalized.getAsJsonObject("components").getAsJsonObject("schemas");
      String name = Fragments.ref(Variants.ok(e.normalized, Variants.TOKENS, "get"));
      JsonObject tokens = schemas.getAsJsonObject(name);
      assertThat(tokens.has("discriminator")).isFalse();
      assertThat(tokens.toString()).doesNotContain("oneOf").doesNotContain("anyOf");
      JsonObject type = tokens.getAsJsonObject("properties").getAsJsonObject("sourceType");
      String typeName = Fragments.ref(type);
      assertThat(Json.strings(schemas.getAsJsonObject(typeName).getAsJsonArray("enum")))
          .containsExactly("pixel", "webhook");
      assertThat(name)
          .isEqualTo(Fragments.ref(Variants.ok(BASE.normalized, Variants.TOKENS, "get")));
    }
  }

  @Test
  void openApi31GivesTheSameJavaApiAsTheSameSpecIn30() {
    Evolved e = evolve(Variants::openApi31);
    System.out.printf(
        "[evolution] 3.0 vs 3.1: PATCH tri-state fields %d / %d, clearX() %d / %d, nullable model"
            + " properties %d / %d%n",
        BASE.api.patchNullable,
        e.api.patchNullable,
        BASE.api.clearable,
        e.api.clearable,
        BASE.api.nullableProperties,
        e.api.nullableProperties);
    assertThat(BASE.api.patchNullable).isGreaterThan(100);
    assertThat(e.api.patchNullable).isEqualTo(BASE.api.patchNullable);
    assertThat(e.api.clearable).isEqualTo(BASE.api.clearable);
    assertThat(e.api.nullableProperties).isEqualTo(BASE.api.nullableProperties);
    assertThat(BASE.api.removedIn(e.api)).isEmpty();
    assertThat(BASE.api.addedIn(e.api)).isEmpty();
    assertThat(e.changes.changes).isEmpty();
    // what openapi-generator and the sandbox read: the same schemas and operations, structurally
    JsonObject a = BASE.normalized.getAsJsonObject("components").getAsJsonObject("schemas");
    JsonObject b = e.normalized.getAsJsonObject("components").getAsJsonObject("schemas");
    assertThat(b.keySet()).isEqualTo(a.keySet());
    for (String name : a.keySet()) {
      assertThat(Json.shape(b.get(name))).as(name).isEqualTo(Json.shape(a.get(name)));
    }
    for (Operation op : Operation.all(BASE.normalized)) {
      JsonObject other = Variants.op(e.normalized, op.path, op.method);
      for (String k : new String[] {"parameters", "requestBody", "responses", "operationId"}) {
        assertThat(Json.shape(other.get(k)))
            .as(op.key() + " " + k)
            .isEqualTo(Json.shape(op.node.get(k)));
      }
    }
    // the sandbox and the generator read the normalized spec: OpenAPI 3.0 again
    assertThat(e.normalized.get("openapi").getAsString()).isEqualTo("3.0.3");
    assertThat(e.normalized.has("webhooks")).isFalse();
    assertThat(e.normalized.toString())
        .doesNotContain("\"const\":")
        .doesNotContain("\"examples\":[")
        .doesNotContain("\"null\"");
  }

  @Test
  void anEnumValueAddedToResponsesKeepsTheRequestEnumsName() {
    Evolved e = evolve(Variants.copy(Variants::enumValueInResponsesOnly));
    assertThat(BASE.summary.classes)
        .containsEntry("destinations.update body.status", "DestinationStatus");
    assertThat(e.summary.classes)
        .containsEntry("destinations.update body.status", "DestinationStatus")
        .containsEntry("destinations.retrieve response.status", "DestinationStatus");
    assertThat(e.api.lines).contains("model DestinationStatus.Paused");
    assertThat(e.report).doesNotContain("class renamed");
  }

  @Test
  void unreadableSpecsFailInOneLineNamingTheKeywordAndThePlace() {
    SpecSource src = source();
    JsonObject tuple = PULLED.deepCopy();
    Variants.tupleItems(tuple);
    JsonObject v31 = Variants.openApi31(tuple);
    assertThatThrownBy(
            () -> SpecPipeline.parse(src, v31.toString().getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(SpecException.class)
        .hasMessageContaining("keyword 'prefixItems' at #/paths/~1rest~1v1~1destinations/post/")
        .hasMessageContaining("/properties/location")
        .satisfies(x -> assertThat(x.getMessage()).doesNotContain("\n"));
    JsonObject s2 = Variants.swagger2(PULLED);
    assertThatThrownBy(
            () -> SpecPipeline.parse(src, s2.toString().getBytes(StandardCharsets.UTF_8)))
        .hasMessageContaining("Swagger 2.0 (OpenAPI 2)");
    TABLE.put(
        "~ Swagger 2.0 / empty / HTML / 3.1 prefixItems",
        "| Swagger 2.0 / empty / HTML / 3.1 prefixItems | no: one-line error (keyword and place) |"
            + " - | - | - |");
  }

  private static String source(Evolved e, String type) {
    return FacadeWriter.files(e.normalized).stream()
        .filter(f -> f.typeSpec().name().equals(type))
        .findFirst()
        .orElseThrow()
        .toString();
  }

  /**
   * The combined variants the full-library build compiles, and the table of results, under target/
   * (derived at test time, never committed).
   */
  @AfterAll
  static void writeDerivedSpecsAndTable() throws IOException {
    Path derived = Path.of("target/derived");
    Files.createDirectories(derived);
    JsonObject same = PULLED.deepCopy();
    Variants.pathItemParameters(same);
    Variants.referencedParameters(same);
    Variants.oneOfWithDiscriminator(same);
    Files.writeString(derived.resolve("platform-3.1.json"), Variants.openApi31(same).toString());
    JsonObject additive = PULLED.deepCopy();
    Variants.deprecateOperation(additive);
    Variants.deprecateParameter(additive);
    Variants.deprecateField(additive);
    Variants.newUnionVariant(additive);
    Variants.enumValueInResponsesOnly(additive);
    Variants.newOptionalQueryParameter(additive);
    Variants.renamedOperationId(additive);
    Variants.newOperation(additive);
    Variants.newOptionalResponseField(additive);
    Variants.newFieldInOneResponse(additive);
    Variants.newAlternativeSecurityScheme(additive);
    Files.writeString(derived.resolve("platform-additive.json"), additive.toString());
    // all of it at once, the default of RegenerationTest: one library build covers every kind
    JsonObject all = additive.deepCopy();
    Variants.pathItemParameters(all);
    Variants.referencedParameters(all);
    Variants.oneOfWithDiscriminator(all);
    Files.writeString(
        derived.resolve("platform-3.1-additive.json"), Variants.openApi31(all).toString());
    Files.createDirectories(ROOT);
    StringBuilder sb =
        new StringBuilder(
            "| change kind | regenerates with no edit | classification | bump | API surface"
                + " (-removed +added) |\n|---|---|---|---|---|\n");
    TABLE.values().forEach(l -> sb.append(l).append('\n'));
    Files.writeString(ROOT.resolve("table.md"), sb.toString());
  }
}
