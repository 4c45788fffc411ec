/**
 * Pages and lazy auto-pagination for the platform API's list operations.
 *
 * <p>Two wire styles exist: cursor ({@code limit} + {@code cursor}, response {@code pagination:
 * {nextCursor, hasMore}}) and offset ({@code limit} + {@code offset}, response {@code {items,
 * hasMore, total}}). Both are exposed as a {@link com.oursprivacy.pagination.Page} and walked by an
 * {@link com.oursprivacy.pagination.AutoPager}:
 *
 * <pre>{@code
 * for (Destination d : ours.destinations().list()) { ... }       // every item, page by page
 * ours.destinations().list().stream().filter(...).limit(10)...    // lazy stream
 * ours.destinations().list().maxItems(50).forEach(...)           // at most 50, no extra pages
 * ours.destinations().listAsync().forEach(...)                   // non-blocking, page after page
 * }</pre>
 *
 * <p>{@link com.oursprivacy.pagination.AsyncPager} is the non-blocking twin of {@code AutoPager}:
 * each next page is a {@code CompletableFuture}, with the same errors and the same guard against a
 * server that repeats a cursor.
 */
@NullMarked
package com.oursprivacy.pagination;

import org.jspecify.annotations.NullMarked;
