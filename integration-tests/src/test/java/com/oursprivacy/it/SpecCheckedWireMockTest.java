package com.oursprivacy.it;

import com.github.tomakehurst.wiremock.junit5.WireMockTest;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@link WireMockTest} on loopback, plus: after each test every request WireMock received is
 * validated against the raw pulled spec it belongs to, and a violation fails the test (see {@link
 * SpecValidationExtension}). Platform requests go to {@code /rest/v1/…}; point ingest clients at
 * {@code <wiremock>/api/v1} ({@link Clients#ingestBaseUrl}).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@WireMockTest // registered first, so its afterEach (journal still intact) runs after ours
@ExtendWith(SpecValidationExtension.class)
@interface SpecCheckedWireMockTest {}
