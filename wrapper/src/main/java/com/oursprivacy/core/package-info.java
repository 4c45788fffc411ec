/**
 * The HTTP stack's public vocabulary: per-request {@link com.oursprivacy.core.RequestOptions},
 * {@link com.oursprivacy.core.RawResponse} with rate-limit headers, the {@link
 * com.oursprivacy.core.RetryPolicy}, the injectable {@link com.oursprivacy.core.Sleeper} and the
 * {@link com.oursprivacy.core.LogLevel}.
 */
@NullMarked
package com.oursprivacy.core;

import org.jspecify.annotations.NullMarked;
