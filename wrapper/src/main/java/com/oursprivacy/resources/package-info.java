/**
 * The platform API's resources: one service per resource ({@link
 * com.oursprivacy.resources.DestinationService} …), reached from {@link
 * com.oursprivacy.OursPrivacy} as {@code ours.destinations()}, with their query-parameter classes
 * ({@code DestinationListParams}) and tri-state PATCH bodies ({@code DestinationUpdate}).
 *
 * <p>Generated at build time from the spec (see {@code spec/…/FacadeWriter}); a resource added
 * to the spec appears here with no hand edit. {@code FacadeSupport} is the only hand-written
 * class.
 */
package com.oursprivacy.resources;
