package com.oursprivacy.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/** Builds the pieces of {@link ClientCore} that own threads, and checks base URLs. */
final class HttpClients {
  private HttpClients() {}

  /**
   * A client with its own pool and a dispatcher on daemon threads. OkHttp's default dispatcher
   * threads are not daemons and would keep a JVM alive for a minute after a forgotten close().
   */
  static OkHttpClient.Builder owned(String name) {
    ThreadPoolExecutor executor =
        new ThreadPoolExecutor(
            0,
            Integer.MAX_VALUE,
            60,
            TimeUnit.SECONDS,
            new SynchronousQueue<>(),
            daemon(name + "-http"));
    Dispatcher dispatcher = new Dispatcher(executor);
    // Every request goes to one host; OkHttp's default of 5 per host would queue async calls.
    dispatcher.setMaxRequests(64);
    dispatcher.setMaxRequestsPerHost(64);
    return new OkHttpClient.Builder()
        .dispatcher(dispatcher)
        .connectionPool(new ConnectionPool())
        .socketFactory(new NoDelaySocketFactory());
  }

  static ScheduledThreadPoolExecutor scheduler(String name) {
    ScheduledThreadPoolExecutor s = new ScheduledThreadPoolExecutor(1, daemon(name + "-retry"));
    s.setRemoveOnCancelPolicy(true);
    return s;
  }

  static ThreadFactory daemon(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  /**
   * Parses {@code baseUrl}, adds the trailing slash Retrofit needs, and refuses plain HTTP except
   * to loopback or when explicitly allowed.
   *
   * @throws IllegalArgumentException naming the rule that failed
   */
  static HttpUrl baseUrl(String baseUrl, boolean allowInsecureHttp) {
    HttpUrl url = HttpUrl.parse(baseUrl);
    if (url == null) {
      throw new IllegalArgumentException(
          "baseUrl is not an http(s) URL: " + Redactor.withoutUserinfo(baseUrl));
    }
    if (url.query() != null || url.fragment() != null) {
      throw new IllegalArgumentException(
          "baseUrl must not have a query or fragment: " + url.redact());
    }
    if (!url.isHttps() && !allowInsecureHttp && !isLoopback(url.host())) {
      throw new IllegalArgumentException(
          "baseUrl must use https (plain http is allowed only for localhost, 127.0.0.1 and ::1, or"
              + " with allowInsecureHttp()): "
              + url.redact());
    }
    if (!url.encodedPath().endsWith("/")) {
      url = url.newBuilder().addPathSegment("").build();
    }
    return url;
  }

  static boolean isLoopback(String host) {
    if (host.equalsIgnoreCase("localhost")) {
      return true;
    }
    // Only literal addresses: resolving a name here would mean a DNS lookup at build() time.
    if (!host.matches("[0-9.]+") && !host.contains(":")) {
      return false;
    }
    try {
      return InetAddress.getByName(host).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
