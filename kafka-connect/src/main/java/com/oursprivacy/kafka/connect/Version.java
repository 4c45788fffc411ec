package com.oursprivacy.kafka.connect;

/** This artifact's version, from its jar manifest ({@code Implementation-Version}). */
final class Version {
  private Version() {}

  static String get() {
    String v = Version.class.getPackage().getImplementationVersion();
    return v == null ? "unknown" : v;
  }
}
