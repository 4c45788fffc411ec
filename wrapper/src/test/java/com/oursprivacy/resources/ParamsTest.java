package com.oursprivacy.resources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonParser;
import com.oursprivacy.errors.OursValidationException;
import com.oursprivacy.models.DestinationCreateType;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The generated request objects: immutable, checked at build(), tri-state, copyable. */
class ParamsTest {
  @Test
  void aCreateChecksItsRequiredFieldsAtBuildNamingTheField() {
    assertThatThrownBy(() -> DestinationCreateParams.builder().name("Mixpanel").build())
        .isInstanceOf(OursValidationException.class)
        .hasMessageContaining("destinations.create.type")
        .hasMessageContaining("set it with type(");
  }

  @Test
  void enumQueryParametersTakeTheSpecsValuesOrAnyString() {
    assertThat(
            DestinationListParams.builder()
                .status(DestinationListParams.Status.ENABLED)
                .build()
                .status())
        .isEqualTo("Enabled");
    assertThat(
            ExperimentListParams.builder()
                .status(ExperimentListParams.Status.RUNNING)
                .build()
                .status())
        .isEqualTo("running");
    assertThat(DestinationListParams.Type.AWS_EVENT_BRIDGE.value()).isEqualTo("AWSEventBridge");
    // the escape hatch for a value newer than this SDK, and the way to unset
    assertThat(DestinationListParams.builder().status("Archived").build().status())
        .isEqualTo("Archived");
    assertThat(
            DestinationListParams.builder()
                .status(DestinationListParams.Status.ENABLED)
                .status((String) null)
                .build()
                .status())
        .isNull();
  }

  @Test
  void nestedInputsAndMapsKeepTheirNullsInTheParentsBody() {
    java.util.Map<String, Object> utm = new java.util.LinkedHashMap<>();
    utm.put("source", "news");
    utm.put("campaign", null);
    FunnelUpdateParams p =
        FunnelUpdateParams.builder()
            .globalLogic(FunnelStepLogicInput.builder().clearCondition().clearOr().build())
            .utmFilters(utm)
            .build();
    assertThat(com.oursprivacy.patch.PatchJson.write(p.toJson()))
        .isEqualTo(
            "{\"globalLogic\":{\"condition\":null,\"OR\":null},"
                + "\"utmFilters\":{\"source\":\"news\",\"campaign\":null}}");
  }

  @Test
  void aCreateTakesTheCreatableEnumAndATypedMap() {
    DestinationCreateParams p =
        DestinationCreateParams.builder()
            .name("Mixpanel")
            .type(DestinationCreateType.MIXPANEL)
            .settings(Map.of("region", "us"))
            .build();
    assertThat(p.toJson())
        .isEqualTo(
            JsonParser.parseString(
                "{\"name\":\"Mixpanel\",\"type\":\"Mixpanel\",\"settings\":{\"region\":\"us\"}}"));
    assertThat(p.toString()).isEqualTo("DestinationCreateParams{body=[name, type, settings]}");
  }

  @Test
  void toBuilderKeepsSetClearedAndUntouchedFieldsAndTheOriginalIsUnchanged() {
    DestinationUpdateParams original =
        DestinationUpdateParams.builder()
            .name("EU")
            .clearHashingSalt()
            .putSetting("region", "eu")
            .clearSetting("legacyKey")
            .build();
    DestinationUpdateParams copy = original.toBuilder().build();
    DestinationUpdateParams changed = original.toBuilder().clearName().build();

    assertThat(copy).isEqualTo(original).hasSameHashCodeAs(original);
    assertThat(original.toJson())
        .isEqualTo(
            JsonParser.parseString(
                "{\"name\":\"EU\",\"hashingSalt\":null,\"settings\":{\"region\":\"eu\",\"legacyKey\":null}}"));
    assertThat(changed.toJson().get("name").isJsonNull()).isTrue();
    assertThat(original.toJson().get("name").getAsString()).isEqualTo("EU");
  }

  @Test
  void queryParamsKeepTheirValuesAndDeriveCopies() {
    DestinationListParams p = DestinationListParams.builder().limit(100).status("Enabled").build();
    DestinationListParams next = p.toBuilder().cursor("c2").build();
    assertThat(p.cursor()).isNull();
    assertThat(next.cursor()).isEqualTo("c2");
    assertThat(next.limit()).isEqualTo(100);
    assertThat(DestinationListParams.none()).isEqualTo(DestinationListParams.builder().build());
  }
}
