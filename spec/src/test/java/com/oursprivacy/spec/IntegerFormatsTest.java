package com.oursprivacy.spec;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;

class IntegerFormatsTest {
  @Test
  void unformattedIntegersBecomeInt64EverywhereAndExplicitFormatsStay() {
    JsonObject spec =
        JsonParser.parseString(
                "{\"paths\":{\"/x\":{\"get\":{"
                    + "\"parameters\":[{\"name\":\"limit\",\"in\":\"query\",\"schema\":{\"type\":\"integer\"}}],"
                    + "\"responses\":{\"200\":{\"content\":{\"application/json\":{\"schema\":{\"type\":\"object\","
                    + "\"properties\":{\"views\":{\"type\":\"integer\",\"nullable\":true},"
                    + "\"small\":{\"type\":\"integer\",\"format\":\"int32\"},"
                    + "\"either\":{\"type\":[\"integer\",\"null\"]},"
                    + "\"ids\":{\"type\":\"array\",\"items\":{\"type\":\"integer\"}},"
                    + "\"ratio\":{\"type\":\"number\"}}}}}}}}}}}")
            .getAsJsonObject();

    IntegerFormats.widen(spec);

    JsonObject get = spec.getAsJsonObject("paths").getAsJsonObject("/x").getAsJsonObject("get");
    assertThat(
            get.getAsJsonArray("parameters")
                .get(0)
                .getAsJsonObject()
                .getAsJsonObject("schema")
                .get("format")
                .getAsString())
        .isEqualTo("int64");
    JsonObject props =
        get.getAsJsonObject("responses")
            .getAsJsonObject("200")
            .getAsJsonObject("content")
            .getAsJsonObject("application/json")
            .getAsJsonObject("schema")
            .getAsJsonObject("properties");
    assertThat(props.getAsJsonObject("views").get("format").getAsString()).isEqualTo("int64");
    assertThat(props.getAsJsonObject("small").get("format").getAsString()).isEqualTo("int32");
    assertThat(props.getAsJsonObject("either").get("format").getAsString()).isEqualTo("int64");
    assertThat(props.getAsJsonObject("ids").getAsJsonObject("items").get("format").getAsString())
        .isEqualTo("int64");
    assertThat(props.getAsJsonObject("ratio").has("format")).isFalse();
  }
}
