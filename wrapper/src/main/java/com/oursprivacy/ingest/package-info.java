/**
 * The Ingest API client: {@link com.oursprivacy.ingest.OursIngest} for {@code /track}, {@code
 * /identify} and {@code /batch} (synchronous and {@code CompletableFuture}), immutable event values
 * ({@link com.oursprivacy.ingest.Event}, {@link com.oursprivacy.ingest.Identify}, {@link
 * com.oursprivacy.ingest.UserProperties}, {@link com.oursprivacy.ingest.DefaultProperties}, {@link
 * com.oursprivacy.ingest.IdentityContext}), test-mode tokens ({@link com.oursprivacy.ingest.Mode}),
 * and the background {@link com.oursprivacy.ingest.Tracker}.
 *
 * <pre>{@code
 * try (OursIngest ingest = OursIngest.builder().testToken(testToken).mode(Mode.TEST).build()) {
 *   ingest.track(Event.named("Purchase").userId("u1").property("sku", "A1").at(Instant.now()));
 * }
 * }</pre>
 */
@NullMarked
package com.oursprivacy.ingest;

import org.jspecify.annotations.NullMarked;
