package com.oursprivacy;

import static org.assertj.core.api.Assertions.assertThat;

import com.oursprivacy.models.Destination;
import org.jspecify.annotations.NullMarked;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What Kotlin and IDEs read: JSpecify on every public package and on the generated models. */
class NullabilityTest {
  @ParameterizedTest
  @ValueSource(
      strings = {
        "com.oursprivacy",
        "com.oursprivacy.core",
        "com.oursprivacy.errors",
        "com.oursprivacy.ingest",
        "com.oursprivacy.pagination",
        "com.oursprivacy.patch",
        "com.oursprivacy.models"
      })
  void publicPackagesAreNullMarked(String pkg) throws Exception {
    assertThat(Class.forName(pkg + ".package-info").isAnnotationPresent(NullMarked.class))
        .as(pkg)
        .isTrue();
  }

  @Test
  void generatedModelsMarkOptionalFieldsNullableAndRequiredOnesNot() throws Exception {
    assertThat(
            Destination.class
                .getMethod("getHashingSalt")
                .getAnnotatedReturnType()
                .isAnnotationPresent(Nullable.class))
        .isTrue();
    assertThat(
            Destination.class
                .getMethod("getId")
                .getAnnotatedReturnType()
                .isAnnotationPresent(Nullable.class))
        .isFalse();
  }

  @Test
  void aRawResponseValueMayBeNull() throws Exception {
    assertThat(
            com.oursprivacy.core.RawResponse.class
                .getMethod("value")
                .getAnnotatedReturnType()
                .isAnnotationPresent(Nullable.class))
        .isTrue();
  }
}
