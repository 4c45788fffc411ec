package com.oursprivacy.spring.test;

import com.oursprivacy.OursPrivacy;
import com.oursprivacy.ingest.Mode;
import com.oursprivacy.models.SourceTokensResponse;
import com.oursprivacy.sandbox.OursSandbox;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.DefaultSingletonBeanRegistry;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.MergedContextConfiguration;

/**
 * Starts a sandbox for one application context, creates a source in it and points the {@code
 * ours.privacy.*} properties at both; the sandbox is a bean closed last with the context. Equal for
 * equal modes, so Spring's context cache shares contexts as usual.
 */
final class OursSandboxContextCustomizer implements ContextCustomizer {
  /** The name of the sandbox bean and of the property source. */
  static final String NAME = "oursSandbox";

  private final Mode mode;

  OursSandboxContextCustomizer(Mode mode) {
    this.mode = mode;
  }

  @Override
  public void customizeContext(
      ConfigurableApplicationContext context, MergedContextConfiguration mergedConfig) {
    OursSandbox sandbox = OursSandbox.start();
    Map<String, Object> props = new HashMap<>();
    try (OursPrivacy ours = sandbox.newClient()) {
      String sourceId = sandbox.createSource("spring-boot-test");
      SourceTokensResponse tokens = ours.sources().tokens(sourceId);
      props.put("ours.privacy.ingest.test-token", tokens.getTestToken());
      if (mode == Mode.LIVE) {
        props.put("ours.privacy.ingest.token", tokens.getToken());
      }
    } catch (RuntimeException e) {
      sandbox.close();
      throw e;
    }
    props.put("ours.privacy.api-key", sandbox.apiKey());
    props.put("ours.privacy.base-url", sandbox.baseUrl());
    props.put("ours.privacy.ingest.base-url", sandbox.ingestBaseUrl());
    props.put("ours.privacy.ingest.mode", mode.name());
    context.getEnvironment().getPropertySources().addFirst(new MapPropertySource(NAME, props));
    ConfigurableListableBeanFactory beans = context.getBeanFactory();
    beans.registerSingleton(NAME, sandbox);
    // Registered before any other bean, so destroyed after all of them: the tracker's close (a
    // lifecycle stop, even earlier) still reaches the sandbox.
    ((DefaultSingletonBeanRegistry) beans).registerDisposableBean(NAME, sandbox::close);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof OursSandboxContextCustomizer other && other.mode == mode;
  }

  @Override
  public int hashCode() {
    return Objects.hash(OursSandboxContextCustomizer.class, mode);
  }
}
