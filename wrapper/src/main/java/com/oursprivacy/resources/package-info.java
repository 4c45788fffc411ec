/**
 * The platform API's resources: one service interface per resource ({@link
 * com.oursprivacy.resources.DestinationService} …), reached from {@link
 * com.oursprivacy.OursPrivacy} as {@code ours.destinations()} and mockable in tests, and one
 * immutable request object per operation with a body or query parameters ({@code
 * DestinationCreateParams}, {@code DestinationListParams}, the tri-state {@code
 * DestinationUpdateParams}), plus {@code …Input} classes for objects nested in a body. Every
 * operation has blocking, {@code …Async} and {@code withRawResponse()} forms.
 *
 * <p>Generated at build time from the spec (see {@code spec/…/FacadeWriter}); a resource added to
 * the spec appears here with no hand edit. The services' implementations live in the internal
 * package {@code com.oursprivacy.internal.resources}. Everything here is {@code @NullMarked}: a
 * parameter or result may be null only where it is annotated {@code @Nullable}.
 */
@NullMarked
package com.oursprivacy.resources;

import org.jspecify.annotations.NullMarked;
