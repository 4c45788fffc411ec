package com.oursprivacy.spec;

import static com.oursprivacy.spec.Fragments.op;
import static com.oursprivacy.spec.Fragments.ref;
import static com.oursprivacy.spec.Fragments.schemas;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import org.junit.jupiter.api.Test;

class NormalizerTest {
  private final JsonObject spec = Fragments.prepared("crud.json");

  private JsonObject responseSchema(String path, String method, String status) {
    return op(spec, path, method)
        .getAsJsonObject("responses")
        .getAsJsonObject(status)
        .getAsJsonObject("content")
        .getAsJsonObject("application/json")
        .getAsJsonObject("schema");
  }

  private JsonObject bodySchema(String path, String method) {
    return op(spec, path, method)
        .getAsJsonObject("requestBody")
        .getAsJsonObject("content")
        .getAsJsonObject("application/json")
        .getAsJsonObject("schema");
  }

  @Test
  void listItemAndRetrievedEntityAreNamedAfterTheResource() {
    JsonObject list = schemas(spec).getAsJsonObject("DestinationListResponse");
    assertThat(
            ref(
                list.getAsJsonObject("properties")
                    .getAsJsonObject("entities")
                    .getAsJsonObject("items")))
        .isEqualTo("Destination");
    assertThat(ref(responseSchema("/rest/v1/destinations/{id}", "get", "200")))
        .isEqualTo("Destination");
    assertThat(ref(responseSchema("/rest/v1/destinations", "get", "200")))
        .isEqualTo("DestinationListResponse");
  }

  @Test
  void shapesThatDifferOnlyInProseShareOneClass() {
    // create's result has a different description on `id` but the same structure
    assertThat(ref(responseSchema("/rest/v1/destinations", "post", "200")))
        .isEqualTo("Destination");
    assertThat(ref(responseSchema("/rest/v1/destinations/{id}", "patch", "200")))
        .isEqualTo("Destination");
  }

  @Test
  void requestBodiesAreNamedBodyByVerb() {
    assertThat(ref(bodySchema("/rest/v1/destinations", "post"))).isEqualTo("DestinationCreateBody");
    assertThat(ref(bodySchema("/rest/v1/destinations/{id}", "patch")))
        .isEqualTo("DestinationUpdateBody");
  }

  @Test
  void nestedObjectsTakeParentNamePlusSingularProperty() {
    JsonObject cs = schemas(spec).getAsJsonObject("ConsentSetting");
    JsonObject items =
        cs.getAsJsonObject("properties").getAsJsonObject("categories").getAsJsonObject("items");
    assertThat(ref(items)).isEqualTo("ConsentSettingCategory");
    assertThat(schemas(spec).has("ConsentSettingCategory")).isTrue();
  }

  @Test
  void paginationSharedAcrossResourcesTakesThePropertyNameAlone() {
    assertThat(schemas(spec).has("Pagination")).isTrue();
    for (String envelope : new String[] {"DestinationListResponse", "SourceListResponse"}) {
      JsonObject p = schemas(spec).getAsJsonObject(envelope).getAsJsonObject("properties");
      assertThat(ref(p.getAsJsonObject("pagination"))).isEqualTo("Pagination");
    }
  }

  @Test
  void enumsAreSharedWithinAResourceButNotAcrossResources() {
    assertThat(
            ref(
                schemas(spec)
                    .getAsJsonObject("Destination")
                    .getAsJsonObject("properties")
                    .getAsJsonObject("status")))
        .isEqualTo("DestinationStatus");
    assertThat(
            ref(
                schemas(spec)
                    .getAsJsonObject("DestinationCreateBody")
                    .getAsJsonObject("properties")
                    .getAsJsonObject("status")))
        .isEqualTo("DestinationStatus");
    assertThat(schemas(spec).has("SourceStatus")).isTrue();
    assertThat(schemas(spec).getAsJsonObject("DestinationStatus").get("enum").toString())
        .isEqualTo("[\"Disabled\",\"Enabled\"]");
  }

  @Test
  void errorBodiesShareOneClass() {
    assertThat(ref(responseSchema("/rest/v1/destinations", "get", "400"))).isEqualTo("ErrorBody");
    assertThat(ref(responseSchema("/rest/v1/destinations", "post", "404"))).isEqualTo("ErrorBody");
  }

  @Test
  void useSiteKeywordsStayAtTheReference() {
    JsonObject props =
        schemas(spec).getAsJsonObject("DestinationUpdateBody").getAsJsonObject("properties");
    assertThat(props.getAsJsonObject("id").get("readOnly").getAsBoolean()).isTrue();
    assertThat(props.getAsJsonObject("name").get("nullable").getAsBoolean()).isTrue();
    // a free-form map stays inline: it is a Map, not a class
    assertThat(props.getAsJsonObject("settings").has("$ref")).isFalse();
  }

  @Test
  void discriminatedAnyOfBecomesOneObjectWithTheUnionOfFields() {
    assertThat(ref(responseSchema("/rest/v1/sources/{id}/tokens", "get", "200")))
        .isEqualTo("SourceTokensResponse");
    JsonObject tokens = schemas(spec).getAsJsonObject("SourceTokensResponse");
    assertThat(tokens.getAsJsonObject("properties").keySet())
        .containsExactly("sourceType", "token", "testToken", "installScript", "ingestUrl");
    assertThat(tokens.get("required").toString())
        .isEqualTo("[\"sourceType\",\"token\",\"testToken\"]");
    assertThat(
            schemas(spec).getAsJsonObject("SourceTokensResponseSourceType").get("enum").toString())
        .isEqualTo("[\"pixel\",\"webhook\"]");
  }

  @Test
  void booleanDiscriminatorsMergeIntoAPlainBoolean() {
    com.google.gson.JsonArray variants =
        com.google.gson.JsonParser.parseString(
                "[{\"type\":\"object\",\"properties\":{\"success\":{\"type\":\"boolean\",\"enum\":[true]}}},"
                    + "{\"type\":\"object\",\"properties\":{\"success\":{\"type\":\"boolean\",\"enum\":[false]},"
                    + "\"code\":{\"type\":\"string\"}}}]")
            .getAsJsonArray();
    JsonObject merged = Compositions.union(variants);
    JsonObject success = merged.getAsJsonObject("properties").getAsJsonObject("success");
    assertThat(success.has("enum")).isFalse();
    assertThat(success.get("type").getAsString()).isEqualTo("boolean");
  }

  @Test
  void anyOfOfStringEnumsBecomesOneEnum() {
    assertThat(schemas(spec).getAsJsonObject("ConsentSettingMode").get("enum").toString())
        .isEqualTo("[\"opt-in\",\"opt-out\"]");
  }

  @Test
  void noNameLooksGeneratorMade() {
    assertThat(schemas(spec).keySet()).noneMatch(n -> Normalizer.FORBIDDEN.matcher(n).find());
  }

  @Test
  void namingIsDeterministic() {
    assertThat(Fragments.prepared("crud.json").toString()).isEqualTo(spec.toString());
  }

  @Test
  void theInputSpecIsLeftUntouched() {
    JsonObject raw = Fragments.json("crud.json");
    String before = raw.toString();
    SpecPipeline.prepare(raw);
    assertThat(raw.toString()).isEqualTo(before);
  }
}
