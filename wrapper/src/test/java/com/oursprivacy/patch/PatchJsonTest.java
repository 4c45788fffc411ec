package com.oursprivacy.patch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import org.junit.jupiter.api.Test;

class PatchJsonTest {

  @Test
  void keepsAnExplicitNullMemberThatADefaultGsonDrops() {
    JsonObject o = new JsonObject();
    o.add("a", JsonNull.INSTANCE);
    assertThat(new Gson().toJson(o)).isEqualTo("{}"); // the bug PatchJson exists for
    assertThat(PatchJson.write(o)).isEqualTo("{\"a\":null}");
  }

  @Test
  void keepsNestedNullsAndNullsInArrays() {
    JsonObject o =
        JsonParser.parseString("{\"s\":{\"k\":null,\"j\":1},\"l\":[null,2]}").getAsJsonObject();
    assertThat(PatchJson.write(o)).isEqualTo("{\"s\":{\"k\":null,\"j\":1},\"l\":[null,2]}");
  }

  @Test
  void writesCompactJsonWithoutHtmlEscaping() {
    JsonObject o = new JsonObject();
    o.addProperty("q", "a<b & c='d'");
    assertThat(PatchJson.write(o)).isEqualTo("{\"q\":\"a<b & c='d'\"}");
    assertThat(PatchJson.write(JsonNull.INSTANCE)).isEqualTo("null");
    assertThat(PatchJson.write(new JsonArray())).isEqualTo("[]");
  }

  @Test
  void rejectsNaNAndNull() {
    JsonObject o = new JsonObject();
    o.add("x", new JsonPrimitive(Double.NaN));
    assertThatThrownBy(() -> PatchJson.write(o)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PatchJson.write(null)).hasMessage("element == null");
  }
}
