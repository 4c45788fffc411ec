/**
 * The platform API's resources: one service per resource ({@link
 * com.oursprivacy.resources.DestinationService} …), reached from {@link
 * com.oursprivacy.OursPrivacy} as {@code ours.destinations()}, and one immutable request object per
 * operation with a body or query parameters ({@code DestinationCreateParams}, {@code
 * DestinationListParams}, the tri-state {@code DestinationUpdateParams}), plus {@code …Input}
 * classes for objects nested in a body. Every operation has blocking, {@code …Async} and {@code
 * withRawResponse()} forms.
 *
 * <p>Generated at build time from the spec (see {@code spec/…/FacadeWriter}); a resource added to
 * the spec appears here with no hand edit. {@code FacadeSupport} is the only hand-written class.
 */
package com.oursprivacy.resources;
