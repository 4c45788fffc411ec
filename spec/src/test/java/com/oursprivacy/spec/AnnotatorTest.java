package com.oursprivacy.spec;

import static com.oursprivacy.spec.Fragments.op;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import org.junit.jupiter.api.Test;

class AnnotatorTest {
  private final JsonObject spec = Fragments.prepared("crud.json");

  @Test
  void cursorListsAreAnnotatedWithItemTypeAndPageSize() {
    JsonObject list = op(spec, "/rest/v1/destinations", "get");
    assertThat(list.get("x-ours-resource").getAsString()).isEqualTo("destinations");
    assertThat(list.get("x-ours-verb").getAsString()).isEqualTo("list");
    assertThat(list.get("x-ours-pagination").getAsString()).isEqualTo("cursor");
    assertThat(list.get("x-ours-items").toString()).isEqualTo("[\"entities\"]");
    assertThat(list.get("x-ours-item-type").getAsString()).isEqualTo("Destination");
    assertThat(list.getAsJsonObject("x-ours-page-size").toString())
        .isEqualTo("{\"param\":\"limit\",\"default\":25,\"max\":100}");
  }

  @Test
  void offsetListsAreAnnotatedWithTheirArrays() {
    JsonObject op = op(spec, "/rest/v1/consent-settings/{id}/page-analysis", "get");
    assertThat(op.get("x-ours-pagination").getAsString()).isEqualTo("offset");
    assertThat(op.get("x-ours-items").toString()).isEqualTo("[\"items\"]");
    assertThat(op.get("x-ours-item-type").getAsString())
        .isEqualTo("ConsentSettingPageAnalysisResponseItem");
    assertThat(op.getAsJsonObject("x-ours-page-size").get("default").getAsInt()).isEqualTo(50);
    assertThat(op.getAsJsonObject("x-ours-page-size").get("max").getAsInt()).isEqualTo(500);
  }

  @Test
  void unpagedEntityListsAreAnnotatedNone() {
    JsonObject op = op(spec, "/rest/v1/allowed-events", "get");
    assertThat(op.get("x-ours-pagination").getAsString()).isEqualTo("none");
    assertThat(op.get("x-ours-item-type").getAsString()).isEqualTo("AllowedEvent");
    assertThat(op.has("x-ours-page-size")).isFalse();
  }

  @Test
  void nonListsCarryNoPagination() {
    assertThat(op(spec, "/rest/v1/destinations/{id}", "get").has("x-ours-pagination")).isFalse();
    assertThat(op(spec, "/rest/v1/sources/{id}/tokens", "get").has("x-ours-pagination")).isFalse();
  }

  @Test
  void bodyAndResponseTypesAreRecorded() {
    JsonObject update = op(spec, "/rest/v1/destinations/{id}", "patch");
    assertThat(update.get("x-ours-body-type").getAsString()).isEqualTo("DestinationUpdateBody");
    assertThat(update.get("x-ours-response-type").getAsString()).isEqualTo("Destination");
    assertThat(
            op(spec, "/rest/v1/destinations/{id}", "delete")
                .get("x-ours-response-type")
                .getAsString())
        .isEqualTo("boolean");
  }
}
