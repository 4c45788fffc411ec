/**
 * The entry point for the Platform REST API, {@link com.oursprivacy.OursPrivacy}. The ingest client
 * is {@link com.oursprivacy.ingest.OursIngest}.
 *
 * <p>Every public package of the SDK is {@code @NullMarked} (JSpecify): parameters and return
 * values are non-null unless annotated {@code @Nullable}.
 */
@NullMarked
package com.oursprivacy;

import org.jspecify.annotations.NullMarked;
