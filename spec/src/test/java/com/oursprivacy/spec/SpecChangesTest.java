package com.oursprivacy.spec;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.oursprivacy.spec.SpecChanges.Bump;
import com.oursprivacy.spec.SpecChanges.Kind;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** One test per classification rule, each on a two-operation spec fragment changed in one place. */
class SpecChangesTest {
  private static final String BASE =
      "{\"openapi\":\"3.0.0\",\"paths\":{"
          + "\"/things\":{"
          + " \"get\":{\"x-stainless-method\":\"things.list\",\"parameters\":["
          + "   {\"name\":\"limit\",\"in\":\"query\",\"required\":false,\"schema\":{\"type\":\"integer\"}}],"
          + "  \"responses\":{\"200\":{\"description\":\"ok\",\"content\":{\"application/json\":{\"schema\":"
          + "   {\"type\":\"array\",\"items\":{\"type\":\"object\",\"properties\":{\"id\":{\"type\":\"string\"}}}}}}}}},"
          + " \"post\":{\"x-stainless-method\":\"things.create\","
          + "  \"requestBody\":{\"content\":{\"application/json\":{\"schema\":{\"type\":\"object\","
          + "   \"required\":[\"name\"],\"properties\":{"
          + "    \"name\":{\"type\":\"string\"},"
          + "    \"note\":{\"type\":\"string\",\"nullable\":true},"
          + "    \"kind\":{\"type\":\"string\",\"enum\":[\"a\",\"b\"]}}}}}},"
          + "  \"responses\":{\"200\":{\"description\":\"ok\",\"content\":{\"application/json\":{\"schema\":"
          + "   {\"type\":\"object\",\"required\":[\"id\"],\"properties\":{"
          + "    \"id\":{\"type\":\"string\"},"
          + "    \"label\":{\"type\":\"string\",\"nullable\":true},"
          + "    \"status\":{\"type\":\"string\",\"enum\":[\"on\",\"off\"]}}}}}}}}}}}";

  private static JsonObject base() {
    return JsonParser.parseString(BASE).getAsJsonObject();
  }

  private static JsonObject op(JsonObject spec, String method) {
    return spec.getAsJsonObject("paths").getAsJsonObject("/things").getAsJsonObject(method);
  }

  private static JsonObject body(JsonObject spec) {
    return op(spec, "post")
        .getAsJsonObject("requestBody")
        .getAsJsonObject("content")
        .getAsJsonObject("application/json")
        .getAsJsonObject("schema");
  }

  private static JsonObject response(JsonObject spec) {
    return op(spec, "post")
        .getAsJsonObject("responses")
        .getAsJsonObject("200")
        .getAsJsonObject("content")
        .getAsJsonObject("application/json")
        .getAsJsonObject("schema");
  }

  private static SpecChanges diff(JsonObject before, JsonObject after) {
    return SpecChanges.between(
        "platform",
        SpecSummary.of(before, SpecSummary.utf8(before.toString()), "before"),
        SpecSummary.of(after, SpecSummary.utf8(after.toString()), "after"));
  }

  /** The changes as {@code KIND: what: where} lines. */
  private static List<String> lines(JsonObject before, JsonObject after) {
    return diff(before, after).changes.stream().map(Object::toString).collect(Collectors.toList());
  }

  @Test
  void identicalSpecsHaveNoChangeAndOnlyAPatchBump() {
    SpecChanges c = diff(base(), base());
    assertThat(c.changes).isEmpty();
    assertThat(c.bump()).isEqualTo(Bump.PATCH);
  }

  @Test
  void removedOperationIsBreakingAndItsFieldsAreNotListedAgain() {
    JsonObject after = base();
    after.getAsJsonObject("paths").getAsJsonObject("/things").remove("get");
    assertThat(lines(base(), after))
        .containsExactly("BREAKING: operation removed: things.list GET /things");
  }

  @Test
  void addedOperationIsAdditive() {
    JsonObject before = base();
    before.getAsJsonObject("paths").getAsJsonObject("/things").remove("get");
    SpecChanges c = diff(before, base());
    assertThat(c.changes)
        .extracting(Object::toString)
        .containsExactly("ADDITIVE: operation added: things.list GET /things");
    assertThat(c.bump()).isEqualTo(Bump.MINOR);
  }

  @Test
  void removedRequestAndResponseFieldsAreBreaking() {
    JsonObject after = base();
    body(after).getAsJsonObject("properties").remove("note");
    response(after).getAsJsonObject("properties").remove("label");
    assertThat(lines(base(), after))
        .containsExactlyInAnyOrder(
            "BREAKING: request field removed: things.create body.note",
            "BREAKING: response field removed: things.create response.label");
  }

  @Test
  void newOptionalRequestFieldAndNewResponseFieldAreAdditive() {
    JsonObject after = base();
    body(after)
        .getAsJsonObject("properties")
        .add("color", JsonParser.parseString("{\"type\":\"string\"}"));
    response(after)
        .getAsJsonObject("properties")
        .add("color", JsonParser.parseString("{\"type\":\"string\"}"));
    assertThat(lines(base(), after))
        .containsExactlyInAnyOrder(
            "ADDITIVE: optional request field added: things.create body.color",
            "ADDITIVE: response field added: things.create response.color");
  }

  @Test
  void newRequiredRequestFieldIsBreaking() {
    JsonObject after = base();
    body(after)
        .getAsJsonObject("properties")
        .add("color", JsonParser.parseString("{\"type\":\"string\"}"));
    body(after).getAsJsonArray("required").add("color");
    assertThat(lines(base(), after))
        .containsExactly("BREAKING: required request field added: things.create body.color");
  }

  @Test
  void requestFieldThatBecameRequiredIsBreakingAndTheReverseAdditive() {
    JsonObject after = base();
    body(after).getAsJsonArray("required").add("note");
    assertThat(lines(base(), after))
        .containsExactly("BREAKING: request field became required: things.create body.note");
    assertThat(lines(after, base()))
        .containsExactly("ADDITIVE: request field became optional: things.create body.note");
  }

  @Test
  void parameterThatBecameRequiredIsBreaking() {
    JsonObject after = base();
    op(after, "get")
        .getAsJsonArray("parameters")
        .get(0)
        .getAsJsonObject()
        .addProperty("required", true);
    assertThat(lines(base(), after))
        .containsExactly("BREAKING: request field became required: things.list query.limit");
  }

  @Test
  void changedTypeIsBreaking() {
    JsonObject after = base();
    op(after, "get")
        .getAsJsonArray("parameters")
        .get(0)
        .getAsJsonObject()
        .getAsJsonObject("schema")
        .addProperty("format", "int64");
    body(after)
        .getAsJsonObject("properties")
        .getAsJsonObject("name")
        .addProperty("type", "integer");
    assertThat(lines(base(), after))
        .containsExactlyInAnyOrder(
            "BREAKING: type changed integer → integer:int64: things.list query.limit",
            "BREAKING: type changed string → integer: things.create body.name");
  }

  @Test
  void responseFieldThatLostOrGainedNullabilityIsBreaking() {
    JsonObject after = base();
    response(after).getAsJsonObject("properties").getAsJsonObject("label").remove("nullable");
    response(after)
        .getAsJsonObject("properties")
        .getAsJsonObject("status")
        .addProperty("nullable", true);
    assertThat(lines(base(), after))
        .containsExactlyInAnyOrder(
            "BREAKING: response field lost nullability: things.create response.label",
            "BREAKING: response field became nullable: things.create response.status");
  }

  @Test
  void requestFieldNullabilityLostIsBreakingGainedIsAdditive() {
    JsonObject after = base();
    body(after).getAsJsonObject("properties").getAsJsonObject("note").remove("nullable");
    assertThat(lines(base(), after))
        .containsExactly("BREAKING: request field lost nullability: things.create body.note");
    assertThat(lines(after, base()))
        .containsExactly("ADDITIVE: request field became nullable: things.create body.note");
  }

  @Test
  void responseFieldNoLongerRequiredIsBreaking() {
    JsonObject after = base();
    response(after).remove("required");
    assertThat(lines(base(), after))
        .containsExactly("BREAKING: response field no longer required: things.create response.id");
  }

  @Test
  void removedEnumValueIsBreakingAddedIsAdditive() {
    JsonObject after = base();
    JsonArray kinds =
        body(after).getAsJsonObject("properties").getAsJsonObject("kind").getAsJsonArray("enum");
    kinds.remove(1);
    kinds.add("c");
    response(after)
        .getAsJsonObject("properties")
        .getAsJsonObject("status")
        .getAsJsonArray("enum")
        .add("paused");
    SpecChanges c = diff(base(), after);
    assertThat(c.changes)
        .extracting(Object::toString)
        .containsExactlyInAnyOrder(
            "BREAKING: enum value removed: things.create body.kind = b",
            "ADDITIVE: enum value added: things.create body.kind = c",
            "ADDITIVE: enum value added: things.create response.status = paused");
    assertThat(c.bump()).isEqualTo(Bump.MAJOR);
  }

  @Test
  void renamedGeneratedClassIsBreaking() {
    SpecSummary before = SpecSummary.of(base(), SpecSummary.utf8(BASE), "before");
    SpecSummary after = SpecSummary.of(base(), SpecSummary.utf8(BASE), "after");
    before.classes.put("things.create response", "ThingCreateResponse");
    after.classes.put("things.create response", "Thing");
    assertThat(SpecChanges.between("platform", before, after).changes)
        .extracting(Object::toString)
        .containsExactly(
            "BREAKING: class renamed ThingCreateResponse → Thing: things.create response");
  }

  @Test
  void classNamesComeFromTheNormalizedSpec() {
    SpecSummary s = SpecSummary.of(base(), SpecSummary.utf8(BASE), "x");
    s.classNames(SpecPipeline.prepare(base()));
    assertThat(s.classes)
        .containsEntry("things.list response[]", "ThingListResponseItem")
        .containsEntry("things.create body", "ThingCreateBody")
        .containsEntry("things.create response.status", "ThingStatus");
  }

  @Test
  void theLockKeepsTypesFlagsAndEnumsSoTheClassificationSurvivesARoundTrip() throws Exception {
    java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("lock");
    SpecLock lock = new SpecLock();
    lock.specs.put("platform", SpecSummary.of(base(), SpecSummary.utf8(BASE), "before"));
    lock.write(dir.resolve("spec.lock"));
    SpecSummary original = lock.specs.get("platform");
    original.classes.put("things.create response", "Thing");
    lock.write(dir.resolve("spec.lock"));
    SpecSummary read = SpecLock.read(dir.resolve("spec.lock")).specs.get("platform");
    assertThat(read.classes).containsEntry("things.create response", "Thing");
    assertThat(read.fieldTypes)
        .isEqualTo(original.fieldTypes)
        .containsEntry("things.create body.name", "string required");
    assertThat(read.enums).isEqualTo(original.enums);
    JsonObject after = base();
    body(after).getAsJsonArray("required").add("note");
    assertThat(
            SpecChanges.between(
                    "platform",
                    read,
                    SpecSummary.of(after, SpecSummary.utf8(after.toString()), "x"))
                .changes)
        .extracting(Object::toString)
        .containsExactly("BREAKING: request field became required: things.create body.note");
  }

  @Test
  void bumpGivesTheNextReleaseBreakingBumpsMinorBefore1() {
    assertThat(SpecChanges.next("0.1.0", Bump.MAJOR)).isEqualTo("0.2.0");
    assertThat(SpecChanges.next("0.1.0", Bump.MINOR)).isEqualTo("0.2.0");
    assertThat(SpecChanges.next("0.1.0", Bump.PATCH)).isEqualTo("0.1.1");
    assertThat(SpecChanges.next("1.4.2", Bump.MAJOR)).isEqualTo("2.0.0");
    assertThat(SpecChanges.next("1.4.2", Bump.MINOR)).isEqualTo("1.5.0");
    // an unreleased x.y.0 can take the change itself
    assertThat(SpecChanges.next("0.1.0-SNAPSHOT", Bump.MAJOR)).isEqualTo("0.1.0");
    assertThat(SpecChanges.next("1.1.0-SNAPSHOT", Bump.MAJOR)).isEqualTo("2.0.0");
    assertThat(SpecChanges.next("1.1.1-SNAPSHOT", Bump.MINOR)).isEqualTo("1.2.0");
  }

  @Test
  void reportListsEachChangeUnderItsKindWithTheBump() {
    JsonObject after = base();
    after.getAsJsonObject("paths").getAsJsonObject("/things").remove("get");
    body(after)
        .getAsJsonObject("properties")
        .add("color", JsonParser.parseString("{\"type\":\"string\"}"));
    String md =
        SpecChanges.markdown(
            List.of(diff(base(), after)),
            Map.of("platform", new String[] {"aaaaaaaaaaaaaaaa", "bbbbbbbbbbbbbbbb", "spec.json"}),
            "0.3.0");
    assertThat(md)
        .contains(
            "**1 breaking, 1 additive** → semver bump **MAJOR** (next release 0.4.0, from 0.3.0)")
        .contains(
            "### Breaking\n\n| change | where |\n|---|---|\n| operation removed | `things.list GET /things` |")
        .contains(
            "### Additive\n\n| change | where |\n|---|---|\n| optional request field added | `things.create body.color` |")
        .contains("sha256 `aaaaaaaaaaaa` → `bbbbbbbbbbbb`");
    assertThat(diff(base(), after).count(Kind.BREAKING)).isEqualTo(1);
  }
}
