/**
 * The SDK's exceptions: one unchecked tree rooted at {@link com.oursprivacy.errors.OursException}.
 *
 * <table>
 *   <caption>What is thrown when</caption>
 *   <tr><th>Cause</th><th>Exception</th></tr>
 *   <tr><td>400</td><td>{@link com.oursprivacy.errors.BadRequestException}</td></tr>
 *   <tr><td>401</td><td>{@link com.oursprivacy.errors.UnauthorizedException}</td></tr>
 *   <tr><td>403</td><td>{@link com.oursprivacy.errors.PermissionDeniedException}</td></tr>
 *   <tr><td>404</td><td>{@link com.oursprivacy.errors.NotFoundException}</td></tr>
 *   <tr><td>409</td><td>{@link com.oursprivacy.errors.ConflictException}</td></tr>
 *   <tr><td>422</td><td>{@link com.oursprivacy.errors.UnprocessableEntityException}</td></tr>
 *   <tr><td>429</td><td>{@link com.oursprivacy.errors.RateLimitException}</td></tr>
 *   <tr><td>5xx</td><td>{@link com.oursprivacy.errors.InternalServerException}</td></tr>
 *   <tr><td>any other non-2xx</td><td>{@link com.oursprivacy.errors.UnexpectedStatusCodeException}</td></tr>
 *   <tr><td>connection failure</td><td>{@link com.oursprivacy.errors.OursIoException}</td></tr>
 *   <tr><td>timeout</td><td>{@link com.oursprivacy.errors.OursTimeoutException}</td></tr>
 *   <tr><td>malformed or unexpected body</td><td>{@link com.oursprivacy.errors.OursInvalidResponseException}</td></tr>
 *   <tr><td>bad input, caught before sending</td><td>{@link com.oursprivacy.errors.OursValidationException}</td></tr>
 * </table>
 */
@NullMarked
package com.oursprivacy.errors;

import org.jspecify.annotations.NullMarked;
