package com.oursprivacy.examples.spring;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A web app that tracks an event per request through the auto-configured {@code Tracker}. Run it
 * with a source's test token:
 *
 * <pre>
 * ./mvnw -B -q install -DskipTests
 * OURS_PRIVACY_INGEST_TEST_TOKEN=… ./mvnw -pl examples/spring-boot exec:java
 * curl 'localhost:8080/hello?user=u1'
 * </pre>
 *
 * <p>Stopping it (Ctrl-C, SIGTERM) lets the requests in flight finish, then sends what they
 * tracked, then exits.
 */
@SpringBootApplication
public class ExampleApplication {
  /**
   * Starts the app.
   *
   * @param args Spring Boot arguments, e.g. {@code --server.port=9090}
   */
  public static void main(String[] args) {
    SpringApplication.run(ExampleApplication.class, args);
  }
}
