package com.oursprivacy.core;

import com.oursprivacy.internal.ClientCore;
import com.oursprivacy.internal.ClientCoreBuilder;
import com.oursprivacy.internal.SharedBuilders;
import java.net.Proxy;
import java.time.Duration;
import okhttp3.OkHttpClient;

/**
 * The HTTP settings {@code OursPrivacy.Builder} and {@code OursIngest.Builder} share, with the same
 * defaults for both clients: timeouts, proxy, a shared {@link OkHttpClient}, plain-http opt-in and
 * the retry sleeper. Not thread-safe. Extended only by the SDK's own builders.
 *
 * <pre>{@code
 * OursIngest ingest = OursIngest.builder()
 *     .proxy(new Proxy(Proxy.Type.HTTP, new InetSocketAddress("proxy.internal", 3128)))
 *     .connectTimeout(Duration.ofSeconds(5)).readTimeout(Duration.ofSeconds(10))
 *     .build();
 * }</pre>
 *
 * @param <B> the concrete builder, returned by every setter
 */
public abstract class ClientBuilder<B extends ClientBuilder<B>> {
  static {
    SharedBuilders.install(b -> b.core);
  }

  private final ClientCoreBuilder core;

  /**
   * A builder whose client names its threads {@code threadName-…}.
   *
   * @param threadName prefix of the client's thread names
   */
  protected ClientBuilder(String threadName) {
    this.core = ClientCore.builder().name(threadName);
  }

  @SuppressWarnings("unchecked")
  private B self() {
    return (B) this;
  }

  /**
   * TCP and TLS connect timeout (default 10 s).
   *
   * @param timeout the TCP and TLS connect timeout
   * @return this builder
   */
  public B connectTimeout(Duration timeout) {
    core.connectTimeout(timeout);
    return self();
  }

  /**
   * Longest wait between two reads of a response (default 30 s); also used for writes.
   *
   * @param timeout the longest wait between two reads of a response
   * @return this builder
   */
  public B readTimeout(Duration timeout) {
    core.readTimeout(timeout);
    core.writeTimeout(timeout);
    return self();
  }

  /**
   * Whole-attempt timeout: connect, send, wait and read (default 60 s; zero for none).
   *
   * @param timeout the whole-attempt timeout
   * @return this builder
   */
  public B callTimeout(Duration timeout) {
    core.callTimeout(timeout);
    return self();
  }

  /**
   * An HTTP or SOCKS proxy.
   *
   * @param proxy an HTTP or SOCKS proxy
   * @return this builder
   */
  public B proxy(Proxy proxy) {
    core.proxy(proxy);
    return self();
  }

  /**
   * An OkHttp client to share connection pool and dispatcher with (via {@code newBuilder()}), for
   * example another Ours client's. Its timeouts are kept unless set here; closing the Ours client
   * leaves its pools running.
   *
   * @param httpClient an OkHttp client to share connection pool and dispatcher with
   * @return this builder
   */
  public B httpClient(OkHttpClient httpClient) {
    core.httpClient(httpClient);
    return self();
  }

  /**
   * Permits a plain-http base URL on a non-loopback host (logged as a warning). Keys and tokens
   * then travel unencrypted. Loopback hosts never need it.
   *
   * @return this builder
   */
  public B allowInsecureHttp() {
    core.allowInsecureHttp(true);
    return self();
  }

  /**
   * The most bytes of one response body the client reads, counted after gzip inflation (default 32
   * MiB, or an eighth of the JVM's maximum heap when that is less, at least 1 MiB). A larger body
   * fails the call with {@link com.oursprivacy.errors.OursInvalidResponseException} (a tracker
   * treats it like any failed request) and its connection is closed, so a misbehaving or hostile
   * server cannot exhaust the heap.
   *
   * @param maxResponseBytes the most bytes of one response body the client reads
   * @return this builder
   * @throws com.oursprivacy.errors.OursValidationException naming {@code maxResponseBytes} when not
   *     positive
   */
  public B maxResponseBytes(long maxResponseBytes) {
    core.maxResponseBytes(maxResponseBytes);
    return self();
  }

  /**
   * Adds a listener of this client's calls, attempts and retries (and of its trackers' batches):
   * for metrics and traces, see {@link CallListener} and the {@code ours-privacy-micrometer}
   * module. Several may be added; they are called in the order added. None by default.
   *
   * @param listener the listener
   * @return this builder
   */
  public B listener(CallListener listener) {
    core.listener(listener);
    return self();
  }

  /**
   * Replaces the real waits between retries; for tests (see {@link Sleeper}).
   *
   * @param sleeper the real waits between retries
   * @return this builder
   */
  public B sleeper(Sleeper sleeper) {
    core.sleeper(sleeper);
    return self();
  }
}
