package com.oursprivacy.spring.test;

import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.TestContextAnnotationUtils;
import org.springframework.util.ClassUtils;

/**
 * Finds {@link AutoConfigureOursSandbox} on a test class (spring-test reads this factory from
 * {@code META-INF/spring.factories}). Touches the sandbox only for a test that asks for it.
 */
final class OursSandboxContextCustomizerFactory implements ContextCustomizerFactory {
  @Override
  public @Nullable ContextCustomizer createContextCustomizer(
      Class<?> testClass, List<ContextConfigurationAttributes> configAttributes) {
    AutoConfigureOursSandbox a =
        TestContextAnnotationUtils.findMergedAnnotation(testClass, AutoConfigureOursSandbox.class);
    if (a == null) {
      return null;
    }
    if (!ClassUtils.isPresent("com.oursprivacy.sandbox.OursSandbox", testClass.getClassLoader())) {
      throw new IllegalStateException(
          "@AutoConfigureOursSandbox on "
              + testClass.getName()
              + " needs the sandbox: add the test dependency com.oursprivacy:ours-privacy-sandbox");
    }
    return new OursSandboxContextCustomizer(a.mode());
  }
}
