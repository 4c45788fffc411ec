package com.oursprivacy.sandbox;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a JUnit 5 test class (or method) with {@link OursSandboxExtension}: each test method gets a
 * fresh sandbox, and may declare parameters of type {@link OursSandbox}, {@code OursPrivacy} (aimed
 * at it) and {@code OursIngest} (TEST mode, for a source created for the test).
 *
 * <pre>{@code
 * @OursSandboxTest
 * class SignupTest {
 *   @Test
 *   void signupSendsOneTestEvent(OursIngest ingest, OursSandbox sandbox) {
 *     new SignupService(ingest).signup("u1");
 *     assertThat(sandbox.ingest().testEvents()).hasSize(1);
 *   }
 * }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@ExtendWith(OursSandboxExtension.class)
public @interface OursSandboxTest {}
