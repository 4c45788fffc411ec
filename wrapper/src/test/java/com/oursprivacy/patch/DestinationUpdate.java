package com.oursprivacy.patch;

import com.google.gson.JsonObject;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.Set;

/** A hand-written stand-in for what the facade generator emits for {@code destinations.update}. */
final class DestinationUpdate extends PatchBuilder<DestinationUpdate> {
  static final Set<String> FIELDS =
      Collections.unmodifiableSet(
          new HashSet<>(
              Arrays.asList(
                  "name",
                  "hashingSalt",
                  "description",
                  "enabled",
                  "settings",
                  "rule",
                  "tags",
                  "weight")));
  static final Set<String> NULLABLE =
      Collections.unmodifiableSet(
          new HashSet<>(Arrays.asList("hashingSalt", "description", "rule")));

  DestinationUpdate() {
    super("destinations.update", FIELDS, NULLABLE);
  }

  /** What the generator would emit for a GET → PATCH round trip. */
  static DestinationUpdate from(JsonObject retrieved) {
    return new DestinationUpdate().base(retrieved);
  }

  @Override
  protected DestinationUpdate self() {
    return this;
  }

  DestinationUpdate name(String name) {
    return set("name", name);
  }

  DestinationUpdate hashingSalt(String salt) {
    return set("hashingSalt", salt);
  }

  DestinationUpdate clearHashingSalt() {
    return clear("hashingSalt");
  }

  DestinationUpdate enabled(boolean enabled) {
    return set("enabled", enabled);
  }

  DestinationUpdate clearEnabledUnchecked() {
    return clear("enabled"); // a generator would not emit this; it exercises the guard
  }

  DestinationUpdate weight(Number weight) {
    return set("weight", weight);
  }

  DestinationUpdate rule(Object rule) {
    return set("rule", rule);
  }

  DestinationUpdate tags(Object tags) {
    return set("tags", tags);
  }

  DestinationUpdate settings(Object settings) {
    return set("settings", settings);
  }

  DestinationUpdate putSetting(String key, Object value) {
    return putEntry("settings", key, value);
  }

  DestinationUpdate clearSetting(String key) {
    return clearEntry("settings", key);
  }
}
