package com.oursprivacy.sandbox;

import com.google.gson.JsonObject;
import com.oursprivacy.OursPrivacy;
import com.oursprivacy.ingest.Mode;
import com.oursprivacy.ingest.OursIngest;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An embedded, stateful stand-in for both Ours Privacy APIs, on a loopback port, for tests and the
 * quick start. It reads the normalized specs packaged in its jar: every platform resource with
 * list/create/retrieve/update/delete gets an in-memory store (server-assigned ids and timestamps,
 * real cursor pages, PATCH semantics); the ingest API records what it accepts (see {@link
 * #ingest()}); every request is checked against the spec and a violation answers {@code 400
 * {"error": "Bad Request", "details": "<what was wrong>"}}.
 *
 * <pre>{@code
 * try (OursSandbox sandbox = OursSandbox.start();
 *      OursPrivacy ours = sandbox.newClient()) {
 *   Source src = ours.sources().create(SourceCreateParams.builder().name("web").type(SourceType.WEB_SOURCE).build());
 *   OursIngest ingest = sandbox.newIngest(src.getId(), Mode.TEST);
 *   ingest.track(Event.named("Signup").userId("u1"));
 *   sandbox.ingest().testEvents();   // [RecordedEvent{Signup, …, test}]
 * }
 * }</pre>
 *
 * <p>Thread-safe. State lives as long as the instance; {@link #reset()} forgets it.
 */
public final class OursSandbox implements AutoCloseable {
  /** The JDK server's TCP_NODELAY switch (see {@link #bindLoopback}). */
  static final String NODELAY = "sun.net.httpserver.nodelay";

  private final Config config;
  private final HttpServer server;
  private final ExecutorService executor;
  private final Store store;
  private final IngestLog ingestLog = new IngestLog();
  private final Faults faults = new Faults();
  private final String baseUrl;

  private OursSandbox(Config config) {
    this.config = config;
    Spec platform = Spec.load("platform", "");
    Spec ingestSpec = Spec.load("ingest", Router.INGEST_PREFIX);
    this.server = bindLoopback(config.port);
    this.baseUrl = "http://127.0.0.1:" + server.getAddress().getPort();
    this.store = new Store(itemTypes(platform), ingestBaseUrl());
    Clock clock = Clock.systemUTC();
    Router router =
        new Router(
            platform,
            ingestSpec,
            new PlatformApi(platform, store, clock),
            new IngestApi(ingestSpec, store, ingestLog, clock),
            faults,
            config.apiKey);
    server.createContext("/", router);
    AtomicInteger n = new AtomicInteger();
    this.executor =
        Executors.newFixedThreadPool(
            config.threads,
            r -> {
              Thread t = new Thread(r, "ours-sandbox-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    server.setExecutor(executor);
    server.start();
  }

  /**
   * The JDK server on loopback, with TCP_NODELAY where this sandbox can still choose it. Without it
   * the server's separate header and body writes meet delayed ACKs: about 40 ms per request on
   * loopback. The JDK has no per-server switch: {@code sun.net.httpserver.nodelay} is read once per
   * JVM, when the first server is created. So the property is set only around that creation (when
   * the application has not set it) and then restored, so the property is not left visible. What
   * the JDK latched stays latched: if the sandbox creates the JVM's first JDK server, JDK servers
   * the application creates later also get TCP_NODELAY (it only removes latency), and a JVM that
   * already created one keeps its setting. The lock keeps two sandboxes starting at once from
   * restoring each other's value.
   */
  private static HttpServer bindLoopback(int port) {
    synchronized (OursSandbox.class) {
      String previous = System.getProperty(NODELAY);
      if (previous == null) {
        System.setProperty(NODELAY, "true");
      }
      try {
        return HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
      } catch (IOException e) {
        throw new UncheckedIOException("sandbox: cannot bind 127.0.0.1:" + port, e);
      } finally {
        if (previous == null) {
          System.clearProperty(NODELAY);
        }
      }
    }
  }

  /**
   * Starts a sandbox with a random API key on a free loopback port.
   *
   * @return the running sandbox
   */
  public static OursSandbox start() {
    return builder().start();
  }

  /** {@return a builder for a sandbox with a chosen API key, port or thread count} */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * {@return the platform API root, e.g} {@code http://127.0.0.1:53187} (paths start with {@code
   * /rest/v1}).
   */
  public String baseUrl() {
    return baseUrl;
  }

  /**
   * {@return the ingest API root, e.g} {@code http://127.0.0.1:53187/api/v1}, for {@code
   * OursIngest.Builder.baseUrl}.
   */
  public String ingestBaseUrl() {
    return baseUrl + Router.INGEST_PREFIX;
  }

  /** {@return the one API key the platform side accepts as {@code Authorization: Bearer <key>}} */
  public String apiKey() {
    return config.apiKey;
  }

  /** {@return what the ingest side accepted: all events, test events, dispatched (live) events} */
  public IngestLog ingest() {
    return ingestLog;
  }

  /** {@return the fault knobs (fail next N, latency, rate limit), shared by both APIs} */
  public Faults faults() {
    return faults;
  }

  /**
   * {@return a builder for a platform client aimed at this sandbox (base URL and API key set); add
   * retries, timeouts or logging before {@code build()}}
   */
  public OursPrivacy.Builder clientBuilder() {
    return OursPrivacy.builder().apiKey(config.apiKey).baseUrl(baseUrl);
  }

  /** {@return a platform client aimed at this sandbox; the caller closes it} */
  public OursPrivacy newClient() {
    return clientBuilder().build();
  }

  /**
   * An ingest client for a source of this sandbox, its tokens read through the platform API like
   * {@link OursIngest#forSource}. The caller closes it.
   *
   * @param sourceId the source id
   * @param mode the mode
   * @return an ingest client for a source of this sandbox, its tokens read through the platform API
   *     like {@link OursIngest#forSource}
   * @throws com.oursprivacy.errors.NotFoundException when the source does not exist
   */
  public OursIngest newIngest(String sourceId, Mode mode) {
    Objects.requireNonNull(sourceId, "sourceId == null");
    Objects.requireNonNull(mode, "mode == null");
    try (OursPrivacy ours = newClient()) {
      return OursIngest.builder()
          .source(ours, sourceId)
          .mode(mode)
          .baseUrl(ingestBaseUrl())
          .build();
    }
  }

  /**
   * Creates a {@code WebSource} directly in the store (no HTTP) and returns its id: a quick way to
   * get a source whose tokens the ingest side accepts.
   *
   * @param name the name
   * @return the new source's id
   */
  public String createSource(String name) {
    Objects.requireNonNull(name, "name == null");
    JsonObject e = new JsonObject();
    String now = java.time.Instant.now().toString();
    String id = java.util.UUID.randomUUID().toString();
    e.addProperty("id", id);
    e.addProperty("name", name);
    e.addProperty("type", "WebSource");
    e.addProperty("status", "Enabled");
    e.addProperty("createdAt", now);
    e.addProperty("updatedAt", now);
    store.create("sources", e);
    return id;
  }

  /** Forgets every stored resource, every recorded event and every fault. */
  public void reset() {
    store.clear();
    ingestLog.clear();
    faults.reset();
  }

  /** Stops the server at once (requests in flight are cut off) and its threads. Idempotent. */
  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
    try {
      executor.awaitTermination(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public String toString() {
    return "OursSandbox{" + baseUrl + ", apiKey=[redacted]}";
  }

  /** resource → schema of its stored items, for resources the spec gives CRUD verbs. */
  private static Map<String, String> itemTypes(Spec spec) {
    Map<String, String> types = new HashMap<>();
    for (String verb : new String[] {"create", "retrieve", "list"}) {
      for (Operation op : spec.operations()) {
        if (verb.equals(op.verb()) && op.resource() != null) {
          String t =
              "list".equals(verb) ? op.ext("x-ours-item-type") : op.ext("x-ours-response-type");
          if (t != null && spec.schema(t) != null && spec.schema(t).has("properties")) {
            types.put(op.resource(), t);
          }
        }
      }
    }
    return types;
  }

  /** Immutable settings of one sandbox. */
  private static final class Config {
    final String apiKey;
    final int port;
    final int threads;

    Config(Builder b) {
      this.apiKey = b.apiKey;
      this.port = b.port;
      this.threads = b.threads;
    }
  }

  /** Configures a sandbox; {@link #start()} starts it. Not thread-safe. */
  public static final class Builder {
    private String apiKey;
    private int port;
    private int threads = 4;

    private Builder() {}

    /**
     * The API key the platform side accepts; default a random {@code sk_sandbox_…} key.
     *
     * @param apiKey the organization API key (never logged)
     * @return this builder
     */
    public Builder apiKey(String apiKey) {
      Objects.requireNonNull(apiKey, "apiKey == null");
      if (apiKey.isBlank()) {
        throw new IllegalArgumentException("apiKey is blank");
      }
      this.apiKey = apiKey;
      return this;
    }

    /**
     * The loopback port; default 0, a free one chosen by the OS.
     *
     * @param port the port
     * @return this builder
     */
    public Builder port(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port must be 0–65535, was " + port);
      }
      this.port = port;
      return this;
    }

    /**
     * Threads answering requests (latency faults hold one each); default 4.
     *
     * @param threads the threads
     * @return this builder
     */
    public Builder threads(int threads) {
      if (threads < 1) {
        throw new IllegalArgumentException("threads must be ≥ 1, was " + threads);
      }
      this.threads = threads;
      return this;
    }

    /**
     * Binds the port and starts serving.
     *
     * @return the running sandbox
     * @throws UncheckedIOException when the port cannot be bound
     */
    public OursSandbox start() {
      if (apiKey == null) {
        byte[] b = new byte[16];
        new SecureRandom().nextBytes(b);
        StringBuilder sb = new StringBuilder("sk_sandbox_");
        for (byte x : b) {
          sb.append(String.format("%02x", x));
        }
        apiKey = sb.toString();
      }
      return new OursSandbox(new Config(this));
    }
  }
}
