package com.oursprivacy.patch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import com.oursprivacy.errors.OursValidationException;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PatchBuilderTest {

  private static JsonObject json(String s) {
    return JsonParser.parseString(s).getAsJsonObject();
  }

  /** Asserts both the tree and the exact bytes the HTTP core would send. */
  private static void assertBody(DestinationUpdate u, String expected) {
    assertThat(u.toJson()).isEqualTo(json(expected));
    assertThat(PatchJson.write(u.toJson())).isEqualTo(expected);
  }

  @Test
  void untouchedBuilderSendsAnEmptyObject() {
    assertBody(new DestinationUpdate(), "{}");
  }

  @Test
  void setSendsTheValueClearSendsNullAndUntouchedFieldsAreOmitted() {
    DestinationUpdate u = new DestinationUpdate().name("x").clearHashingSalt();
    assertBody(u, "{\"name\":\"x\",\"hashingSalt\":null}");
    assertThat(u.toJson().get("hashingSalt")).isSameAs(JsonNull.INSTANCE);
    assertThat(u.toJson().has("description")).isFalse();
  }

  @Test
  void theLastCallForAFieldWins() {
    assertBody(
        new DestinationUpdate().hashingSalt("s").clearHashingSalt(), "{\"hashingSalt\":null}");
    assertBody(
        new DestinationUpdate().clearHashingSalt().hashingSalt("s"), "{\"hashingSalt\":\"s\"}");
  }

  @Test
  void unsetReturnsAFieldToLeaveAlone() {
    DestinationUpdate u = new DestinationUpdate().name("x").clearHashingSalt().putSetting("k", 1);
    u.unset("hashingSalt").unset("settings");
    assertBody(u, "{\"name\":\"x\"}");
  }

  @Test
  void clearingANonNullableFieldIsRejectedWhenCalled() {
    DestinationUpdate u = new DestinationUpdate().name("x");
    assertThatThrownBy(u::clearEnabledUnchecked)
        .isInstanceOf(OursValidationException.class)
        .hasMessage(
            "destinations.update.enabled: is not nullable in the API spec, so it cannot be"
                + " cleared; omit it to leave it unchanged")
        .satisfies(
            e ->
                assertThat(((OursValidationException) e).field())
                    .isEqualTo("destinations.update.enabled"));
    assertThatThrownBy(() -> u.clearField("name")).isInstanceOf(OursValidationException.class);
    assertBody(u, "{\"name\":\"x\"}"); // nothing was recorded
  }

  @Test
  void dynamicSetFieldAndClearFieldWorkForKnownFieldsAndRejectUnknownOnes() {
    DestinationUpdate u =
        new DestinationUpdate().setField("enabled", false).clearField("description");
    assertBody(u, "{\"enabled\":false,\"description\":null}");
    assertThatThrownBy(() -> u.setField("nmae", "x"))
        .isInstanceOf(OursValidationException.class)
        .hasMessageContaining("destinations.update.nmae")
        .hasMessageContaining("known fields");
    assertThatThrownBy(() -> u.clearField("nmae")).isInstanceOf(OursValidationException.class);
    assertThatThrownBy(() -> u.unset("nmae")).isInstanceOf(OursValidationException.class);
  }

  @Test
  void settingNullPointsToTheClearMethod() {
    assertThatThrownBy(() -> new DestinationUpdate().hashingSalt(null))
        .isInstanceOf(OursValidationException.class)
        .hasMessage(
            "destinations.update.hashingSalt: must not be null; use clearHashingSalt() to send"
                + " null")
        .extracting(e -> ((OursValidationException) e).field())
        .isEqualTo("destinations.update.hashingSalt");
    assertThatThrownBy(() -> new DestinationUpdate().name(null))
        .isInstanceOf(OursValidationException.class)
        .hasMessageStartingWith("destinations.update.name: must not be null; name is not nullable");
    assertThatThrownBy(() -> new DestinationUpdate().putSetting("k", null))
        .isInstanceOf(OursValidationException.class)
        .hasMessageStartingWith("destinations.update.settings.k: must not be null")
        .hasMessageContaining("clearEntry(\"settings\", \"k\")");
    assertThatThrownBy(() -> new DestinationUpdate().putSetting(null, "v"))
        .isInstanceOf(OursValidationException.class)
        .hasMessage("destinations.update.settings: a key must not be null");
  }

  @Test
  void mapEntriesArePutAndClearedOneKeyAtATime() {
    DestinationUpdate u =
        new DestinationUpdate()
            .putSetting("region", "eu")
            .clearSetting("apiSecret")
            .putSetting("batch", 50);
    assertBody(u, "{\"settings\":{\"region\":\"eu\",\"apiSecret\":null,\"batch\":50}}");
  }

  @Test
  void mapEntriesMergeIntoAWholeObjectSetBefore() {
    Map<String, Object> whole = new LinkedHashMap<>();
    whole.put("a", 1);
    DestinationUpdate u = new DestinationUpdate().settings(whole).clearSetting("b");
    assertBody(u, "{\"settings\":{\"a\":1,\"b\":null}}");
  }

  @Test
  void settingOrClearingTheMapFieldDiscardsItsEntries() {
    assertBody(
        new DestinationUpdate().putSetting("a", 1).settings(Collections.singletonMap("b", 2)),
        "{\"settings\":{\"b\":2}}");
  }

  @Test
  void entriesOnAClearedOrScalarFieldAreAnOrderingError() {
    DestinationUpdate u = new DestinationUpdate().clearField("rule");
    assertThatThrownBy(() -> u.putEntry("rule", "k", 1))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("cleared");
    DestinationUpdate v = new DestinationUpdate().name("x");
    assertThatThrownBy(() -> v.clearEntry("name", "k")).isInstanceOf(IllegalStateException.class);
  }

  static final class Rule {
    final String region;
    final int level;

    Rule(String region, int level) {
      this.region = region;
      this.level = level;
    }
  }

  @Test
  void convertsStringsNumbersBooleansListsMapsModelsAndJsonElements() {
    DestinationUpdate u =
        new DestinationUpdate()
            .name("n")
            .weight(new BigDecimal("1.50"))
            .enabled(true)
            .tags(Arrays.asList("a", "b"))
            .rule(new Rule("eu", 2))
            .putSetting("raw", json("{\"x\":[1,null]}"))
            .putSetting("map", Collections.singletonMap("y", false));
    assertBody(
        u,
        "{\"name\":\"n\",\"weight\":1.50,\"enabled\":true,\"tags\":[\"a\",\"b\"],"
            + "\"rule\":{\"region\":\"eu\",\"level\":2},"
            + "\"settings\":{\"raw\":{\"x\":[1,null]},\"map\":{\"y\":false}}}");
  }

  @Test
  void nonFiniteNumbersAreRejectedNamingTheField() {
    assertThatThrownBy(() -> new DestinationUpdate().weight(Double.NaN))
        .isInstanceOf(OursValidationException.class)
        .hasMessageStartingWith("destinations.update.weight:");
    assertThatThrownBy(() -> new DestinationUpdate().weight(Float.POSITIVE_INFINITY))
        .isInstanceOf(OursValidationException.class)
        .hasMessageStartingWith("destinations.update.weight:");
    assertThatThrownBy(
            () -> new DestinationUpdate().tags(Arrays.asList(1.0, Double.NEGATIVE_INFINITY)))
        .isInstanceOf(OursValidationException.class)
        .hasMessageStartingWith("destinations.update.tags:");
    assertThatThrownBy(
            () -> new DestinationUpdate().putSetting("rate", new JsonPrimitive(Double.NaN)))
        .isInstanceOf(OursValidationException.class)
        .hasMessageStartingWith("destinations.update.settings.rate:");
    assertThat(
            new DestinationUpdate()
                .weight(new BigDecimal("1e400"))
                .toJson()
                .get("weight")
                .getAsBigDecimal())
        .isEqualByComparingTo("1e400");
  }

  @Test
  void valuesAreCapturedWhenSetAndToJsonReturnsACopy() {
    java.util.List<String> tags = new java.util.ArrayList<>(Arrays.asList("a"));
    DestinationUpdate u = new DestinationUpdate().tags(tags).putSetting("k", 1);
    tags.add("b");
    u.toJson().getAsJsonObject("settings").addProperty("evil", 1);
    assertBody(u, "{\"tags\":[\"a\"],\"settings\":{\"k\":1}}");
  }

  @Test
  void roundTripFromARetrievedEntitySendsOnlyRealChanges() {
    JsonObject retrieved =
        json(
            "{\"id\":\"d1\",\"name\":\"old\",\"hashingSalt\":\"s\",\"description\":null,"
                + "\"enabled\":true,\"weight\":2,\"settings\":{\"region\":\"eu\",\"batch\":50}}");
    DestinationUpdate u =
        DestinationUpdate.from(retrieved)
            .name("old") // unchanged: omitted
            .enabled(false) // changed
            .weight(2.0) // numerically equal: omitted
            .clearField("description") // already null: omitted
            .clearHashingSalt() // changed to null
            .putSetting("region", "eu") // unchanged key: omitted
            .putSetting("batch", 100) // changed key
            .clearSetting("apiSecret"); // not in the base: sent
    assertBody(
        u,
        "{\"enabled\":false,\"hashingSalt\":null,\"settings\":{\"batch\":100,\"apiSecret\":null}}");
    retrieved.addProperty("enabled", false);
    assertThat(u.toJson().has("enabled")).isTrue(); // the base was copied
  }

  @Test
  void roundTripOmitsAMapWhoseEntriesAllMatchTheBase() {
    DestinationUpdate u =
        DestinationUpdate.from(json("{\"settings\":{\"region\":\"eu\"}}"))
            .putSetting("region", "eu");
    assertBody(u, "{}");
  }

  @Test
  void nullsInsideANestedObjectOrAMapReachTheBodyAsSet() {
    // a nested request's body (what a generated …Input's toJson() returns after clearX())
    JsonObject nested = json("{\"kept\":1,\"cleared\":null}");
    java.util.Map<String, Object> map = new java.util.LinkedHashMap<>();
    map.put("region", "eu");
    map.put("legacyKey", null);
    map.put("inner", java.util.Collections.singletonMap("deep", null));
    java.util.List<Object> list = new java.util.ArrayList<>();
    list.add(null);
    list.add(nested);
    DestinationUpdate u = new DestinationUpdate().rule(nested).settings(map).tags(list);

    assertBody(
        u,
        "{\"rule\":{\"kept\":1,\"cleared\":null},"
            + "\"settings\":{\"region\":\"eu\",\"legacyKey\":null,\"inner\":{\"deep\":null}},"
            + "\"tags\":[null,{\"kept\":1,\"cleared\":null}]}");
    // one key of a patch-only map whose value itself holds a null
    assertBody(
        new DestinationUpdate().putSetting("inner", map),
        "{\"settings\":{\"inner\":{\"region\":\"eu\",\"legacyKey\":null,"
            + "\"inner\":{\"deep\":null}}}}");
    // converted once, when set: later changes to the argument are not seen
    nested.addProperty("later", true);
    map.put("later", true);
    assertThat(u.toJson().getAsJsonObject("rule").has("later")).isFalse();
    assertThat(u.toJson().getAsJsonObject("settings").has("later")).isFalse();
  }

  @Test
  void aNullMapKeyIsAValidationError() {
    java.util.Map<String, Object> map = new java.util.HashMap<>();
    map.put(null, 1);
    assertThatThrownBy(() -> new DestinationUpdate().settings(map))
        .isInstanceOf(OursValidationException.class)
        .hasMessageContaining("settings");
  }

  @Test
  void constructorRejectsNullableFieldsThatAreNotFields() {
    assertThatThrownBy(
            () ->
                new PatchBuilder<DestinationUpdate>(
                    "x.update", Collections.singleton("a"), Collections.singleton("b")) {
                  @Override
                  protected DestinationUpdate self() {
                    return null;
                  }
                })
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("[b]");
  }
}
