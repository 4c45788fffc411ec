package com.oursprivacy.ingest;

import java.util.Objects;

/**
 * The end user's network context ({@code ip} and {@code userAgent}) for an event sent from a
 * backend: the values of the user's browser or device, never those of your server. The API needs
 * them for probabilistic identity resolution. Immutable and thread-safe.
 */
public final class IdentityContext {
  private final String ip;
  private final String userAgent;

  private IdentityContext(String ip, String userAgent) {
    this.ip = ip;
    this.userAgent = userAgent;
  }

  /**
   * The context of one end user.
   *
   * @param ip the ip
   * @param userAgent the user agent
   * @return the context of one end user
   * @throws NullPointerException if either argument is null
   */
  public static IdentityContext of(String ip, String userAgent) {
    return new IdentityContext(
        Objects.requireNonNull(ip, "ip == null"),
        Objects.requireNonNull(userAgent, "userAgent == null"));
  }

  /** {@return the end user's IP address} */
  public String ip() {
    return ip;
  }

  /** {@return the end user's User-Agent header} */
  public String userAgent() {
    return userAgent;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof IdentityContext
        && ip.equals(((IdentityContext) o).ip)
        && userAgent.equals(((IdentityContext) o).userAgent);
  }

  @Override
  public int hashCode() {
    return Objects.hash(ip, userAgent);
  }

  @Override
  public String toString() {
    return "IdentityContext{ip=" + ip + ", userAgent=" + userAgent + "}";
  }
}
