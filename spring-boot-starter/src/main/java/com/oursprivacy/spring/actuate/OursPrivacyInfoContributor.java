package com.oursprivacy.spring.actuate;

import com.oursprivacy.OursPrivacy;
import com.oursprivacy.ingest.OursIngest;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.info.Info;
import org.springframework.boot.actuate.info.InfoContributor;

/**
 * Adds {@code oursPrivacy: {sdkVersion, ingestMode}} to {@code /actuator/info}: which SDK the
 * application runs and whether its events are live or test. No key, token or URL.
 */
final class OursPrivacyInfoContributor implements InfoContributor {
  private final @Nullable OursIngest ingest;

  OursPrivacyInfoContributor(@Nullable OursIngest ingest) {
    this.ingest = ingest;
  }

  @Override
  public void contribute(Info.Builder builder) {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("sdkVersion", version(OursPrivacy.class));
    d.put("starterVersion", version(OursPrivacyInfoContributor.class));
    d.put("ingestMode", ingest == null ? "not configured" : ingest.mode().name());
    builder.withDetail("oursPrivacy", d);
  }

  /** The Implementation-Version of the jar a class came from; "unknown" outside a jar. */
  static String version(Class<?> c) {
    String v = c.getPackage() == null ? null : c.getPackage().getImplementationVersion();
    return v == null || v.isBlank() ? "unknown" : v;
  }
}
