package com.oursprivacy.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.oursprivacy.OursPrivacy;
import com.oursprivacy.errors.BadRequestException;
import com.oursprivacy.errors.NotFoundException;
import com.oursprivacy.errors.UnauthorizedException;
import com.oursprivacy.models.Destination;
import com.oursprivacy.models.DestinationCreateType;
import com.oursprivacy.models.Source;
import com.oursprivacy.models.SourceTokensResponse;
import com.oursprivacy.models.SourceType;
import com.oursprivacy.pagination.Page;
import com.oursprivacy.resources.DestinationCreateParams;
import com.oursprivacy.resources.DestinationListParams;
import com.oursprivacy.resources.DestinationUpdateParams;
import com.oursprivacy.resources.SourceCreateParams;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PlatformSandboxTest {
  private OursSandbox sandbox;
  private OursPrivacy ours;

  @BeforeEach
  void start() {
    sandbox = OursSandbox.start();
    ours = sandbox.clientBuilder().maxRetries(0).build();
  }

  @AfterEach
  void stop() {
    ours.close();
    sandbox.close();
  }

  private Destination destination(String name) {
    return ours.destinations()
        .create(
            DestinationCreateParams.builder()
                .name(name)
                .type(DestinationCreateType.MIXPANEL)
                .settings(Map.of("region", "us", "legacyKey", "k1"))
                .build());
  }

  @Test
  void crudRoundTripThroughTheSdk() {
    Destination created = destination("Mixpanel");
    assertThat(created.getId()).isNotBlank();
    assertThat(created.getCreatedAt()).isNotBlank();
    assertThat(created.getStatus().getValue()).isEqualTo("Enabled");

    Destination fetched = ours.destinations().get(created.getId());
    assertThat(fetched.getName()).isEqualTo("Mixpanel");
    assertThat(fetched.getType().getValue()).isEqualTo("Mixpanel");

    assertThat(ours.destinations().delete(created.getId())).isTrue();
    assertThatThrownBy(() -> ours.destinations().get(created.getId()))
        .isInstanceOf(NotFoundException.class)
        .satisfies(
            e ->
                assertThat(((NotFoundException) e).details())
                    .hasValueSatisfying(d -> assertThat(d).contains(created.getId())));
  }

  @Test
  void cursorPagingWalksAllItemsAndClampsTheLimit() {
    for (int i = 0; i < 250; i++) {
      destination("d" + i);
    }
    List<String> names =
        ours.destinations().list().stream().map(Destination::getName).collect(Collectors.toList());
    assertThat(names).hasSize(250).doesNotHaveDuplicates().startsWith("d0", "d1").endsWith("d249");

    Page<Destination> defaultPage = ours.destinations().list().firstPage();
    assertThat(defaultPage.items()).hasSize(25); // x-ours-page-size default
    assertThat(defaultPage.nextCursor()).isPresent();

    Page<Destination> clamped =
        ours.destinations().list(DestinationListParams.builder().limit(5000L).build()).firstPage();
    assertThat(clamped.items()).hasSize(100); // x-ours-page-size max

    int pages = 0;
    for (Page<Destination> p :
        ours.destinations().list(DestinationListParams.builder().limit(100L).build()).pages()) {
      pages++;
      assertThat(p.items()).isNotEmpty();
    }
    assertThat(pages).isEqualTo(3);
  }

  @Test
  void listFiltersByStatusQuery() {
    Destination a = destination("a");
    destination("b");
    ours.destinations()
        .update(a.getId(), DestinationUpdateParams.builder().status("Disabled").build());
    List<Destination> disabled =
        ours
            .destinations()
            .list(DestinationListParams.builder().status("Disabled").build())
            .stream()
            .collect(Collectors.toList());
    assertThat(disabled).extracting(Destination::getId).containsExactly(a.getId());
  }

  @Test
  void malformedCursorIsA400() {
    destination("x");
    assertThatThrownBy(
            () ->
                ours.destinations()
                    .list(DestinationListParams.builder().cursor("bm90LWEtY3Vyc29y").build())
                    .firstPage())
        .isInstanceOf(BadRequestException.class)
        .satisfies(
            e ->
                assertThat(((BadRequestException) e).details())
                    .hasValueSatisfying(d -> assertThat(d).contains("cursor: malformed")));
  }

  @Test
  void patchSetsClearsLeavesAloneAndMergesSettings() {
    Destination d =
        ours.destinations()
            .update(
                destination("Mixpanel").getId(),
                DestinationUpdateParams.builder().hashingSalt("s1").build());
    assertThat(d.getHashingSalt()).isEqualTo("s1");

    Destination patched =
        ours.destinations()
            .update(
                d.getId(),
                DestinationUpdateParams.builder()
                    .name("Mixpanel (EU)")
                    .clearHashingSalt()
                    .putSetting("region", "eu")
                    .clearSetting("legacyKey")
                    .build());

    assertThat(patched.getName()).isEqualTo("Mixpanel (EU)");
    assertThat(patched.getHashingSalt()).isNull();
    assertThat(patched.getType().getValue()).isEqualTo("Mixpanel"); // omitted: unchanged
    assertThat(patched.getSettings()).isEqualTo(Map.of("region", "eu"));
    assertThat(patched.getUpdatedAt()).isNotNull();
    assertThat(ours.destinations().get(d.getId()).getSettings()).isEqualTo(Map.of("region", "eu"));
  }

  @Test
  void readOnlyFieldsOnPatchAreIgnored() {
    Destination d = destination("Mixpanel");
    Destination after =
        ours.destinations()
            .update(d.getId(), DestinationUpdateParams.from(d).name("Renamed").build());
    assertThat(after.getId()).isEqualTo(d.getId());
    assertThat(after.getCreatedAt()).isEqualTo(d.getCreatedAt());
    assertThat(after.getName()).isEqualTo("Renamed");
  }

  @Test
  void sourceTokensArePerSourceAndPixelShaped() {
    Source a =
        ours.sources()
            .create(SourceCreateParams.builder().name("web").type(SourceType.WEB_SOURCE).build());
    Source b =
        ours.sources()
            .create(SourceCreateParams.builder().name("web2").type(SourceType.WEB_SOURCE).build());
    SourceTokensResponse ta = ours.sources().tokens(a.getId());
    SourceTokensResponse tb = ours.sources().tokens(b.getId());
    assertThat(ta.getSourceType().getValue()).isEqualTo("pixel");
    assertThat(ta.getInstallScript()).contains(ta.getToken());
    assertThat(Set.of(ta.getToken(), ta.getTestToken(), tb.getToken(), tb.getTestToken()))
        .hasSize(4);
  }

  @Test
  void wrongOrMissingApiKeyIs401() {
    try (OursPrivacy wrong =
        OursPrivacy.builder().apiKey("sk_wrong").baseUrl(sandbox.baseUrl()).maxRetries(0).build()) {
      assertThatThrownBy(() -> wrong.destinations().list().firstPage())
          .isInstanceOf(UnauthorizedException.class)
          .satisfies(
              e -> assertThat(((UnauthorizedException) e).details()).contains("invalid API key"));
    }
  }
}
