package com.oursprivacy.spec;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;

class GeneratorInputTest {
  private static final String SPEC =
      "{\"paths\":{\"/x\":{\"get\":{"
          + "\"summary\":\"a & b\",\"description\":\"HEALTHY (>=95%), UNHEALTHY (<50%) @since\","
          + "\"responses\":{\"200\":{\"description\":\"ok\",\"content\":{\"application/json\":{\"schema\":{"
          + "\"type\":\"object\",\"properties\":{"
          + "\"description\":{\"type\":\"string\",\"description\":\"<b>\",\"example\":\"<keep>\",\"enum\":[\"<a>\"]},"
          + "\"n\":{\"type\":\"string\",\"default\":\"x<y\"}}}}}}}}}}}";

  @Test
  void proseBecomesJavadocSafeAndValuesStayByteForByte() {
    JsonObject in = JsonParser.parseString(SPEC).getAsJsonObject();
    JsonObject out = GeneratorInput.of(in);
    JsonObject get = out.getAsJsonObject("paths").getAsJsonObject("/x").getAsJsonObject("get");
    assertThat(get.get("summary").getAsString()).isEqualTo("a &amp; b");
    assertThat(get.get("description").getAsString())
        .isEqualTo("HEALTHY (&gt;=95%), UNHEALTHY (&lt;50%) &#64;since");
    JsonObject props =
        get.getAsJsonObject("responses")
            .getAsJsonObject("200")
            .getAsJsonObject("content")
            .getAsJsonObject("application/json")
            .getAsJsonObject("schema")
            .getAsJsonObject("properties");
    // a property named "description" is a schema, not prose; its own prose is escaped
    assertThat(props.getAsJsonObject("description").get("description").getAsString())
        .isEqualTo("&lt;b&gt;");
    assertThat(props.getAsJsonObject("description").get("example").getAsString())
        .isEqualTo("<keep>");
    assertThat(props.getAsJsonObject("description").getAsJsonArray("enum").get(0).getAsString())
        .isEqualTo("<a>");
    assertThat(props.getAsJsonObject("n").get("default").getAsString()).isEqualTo("x<y");
    // the normalized spec itself is untouched (the facade writer and the sandbox read it)
    assertThat(in.toString()).isEqualTo(JsonParser.parseString(SPEC).toString());
  }
}
