package com.oursprivacy.internal;

import com.oursprivacy.core.ClientBuilder;
import java.util.Objects;
import java.util.function.Function;

/**
 * Gives the SDK's builders the {@link ClientCoreBuilder} inside their shared {@link ClientBuilder}
 * base, which keeps it private so that no internal type appears in the public API. <b>Internal, no
 * compatibility guarantee.</b>
 */
public final class SharedBuilders {
  private static volatile Function<ClientBuilder<?>, ClientCoreBuilder> access;

  private SharedBuilders() {}

  /** Called once by {@link ClientBuilder}'s static initializer. */
  public static void install(Function<ClientBuilder<?>, ClientCoreBuilder> accessor) {
    access = Objects.requireNonNull(accessor, "accessor == null");
  }

  /** The HTTP settings collected by {@code builder} (its class is initialized: it exists). */
  public static ClientCoreBuilder core(ClientBuilder<?> builder) {
    return access.apply(builder);
  }
}
