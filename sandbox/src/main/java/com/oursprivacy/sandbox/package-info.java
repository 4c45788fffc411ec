/**
 * An embedded, stateful stand-in for the Ours Privacy APIs. {@code @NullMarked}: no parameter or
 * result is null unless annotated {@code @Nullable}.
 */
@NullMarked
package com.oursprivacy.sandbox;

import org.jspecify.annotations.NullMarked;
