package com.oursprivacy.sandbox;

import com.oursprivacy.OursPrivacy;
import com.oursprivacy.ingest.Mode;
import com.oursprivacy.ingest.OursIngest;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension behind {@link OursSandboxTest}: resolves parameters of type {@link
 * OursSandbox}, {@link OursPrivacy} and {@link OursIngest}. Within one test method they share one
 * sandbox, started on first use on a free loopback port and closed (with the clients) when the
 * method ends. The {@code OursIngest} is in {@link Mode#TEST} for a source named {@code "sandbox
 * test source"}, so its events land in {@code sandbox.ingest().testEvents()}.
 */
public final class OursSandboxExtension implements ParameterResolver {
  private static final ExtensionContext.Namespace NS =
      ExtensionContext.Namespace.create(OursSandboxExtension.class);

  /** Used by JUnit. */
  public OursSandboxExtension() {}

  /** True for {@link OursSandbox}, {@link OursPrivacy} and {@link OursIngest} parameters. */
  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    return type == OursSandbox.class || type == OursPrivacy.class || type == OursIngest.class;
  }

  /** The sandbox, or a client aimed at it, shared within the test method. */
  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    ExtensionContext.Store store = context.getStore(NS);
    OursSandbox sandbox =
        store
            .getOrComputeIfAbsent("sandbox", k -> new Closing(OursSandbox.start()), Closing.class)
            .sandbox();
    if (type == OursSandbox.class) {
      return sandbox;
    }
    if (type == OursPrivacy.class) {
      return store.getOrComputeIfAbsent(
              "ours", k -> new Closing(sandbox.newClient()), Closing.class)
          .value;
    }
    return store.getOrComputeIfAbsent(
            "ingest",
            k ->
                new Closing(
                    sandbox.newIngest(sandbox.createSource("sandbox test source"), Mode.TEST)),
            Closing.class)
        .value;
  }

  /** Closes its value when JUnit closes the store (both the old and the 5.13 contract). */
  @SuppressWarnings("deprecation")
  private static final class Closing
      implements ExtensionContext.Store.CloseableResource, AutoCloseable {
    final AutoCloseable value;
    private boolean closed;

    Closing(AutoCloseable value) {
      this.value = value;
    }

    OursSandbox sandbox() {
      return (OursSandbox) value;
    }

    @Override
    public synchronized void close() {
      if (!closed) {
        closed = true;
        try {
          value.close();
        } catch (Exception e) {
          throw new IllegalStateException(
              "closing " + value.getClass().getSimpleName() + " failed", e);
        }
      }
    }
  }
}
