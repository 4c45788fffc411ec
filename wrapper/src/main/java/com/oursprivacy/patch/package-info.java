/**
 * Request bodies for PATCH and PUT operations with three states per field: set (sends the value),
 * clear (sends JSON {@code null}, only where the spec marks the field nullable) and leave alone
 * (omitted). Patch-only nested maps such as destination {@code settings} get the same three states
 * per key.
 *
 * <pre>{@code
 * DestinationUpdate update = DestinationUpdate.builder()
 *     .name("Warehouse")          // {"name":"Warehouse"
 *     .clearHashingSalt()         //  ,"hashingSalt":null
 *     .putSetting("region", "eu") //  ,"settings":{"region":"eu"}}
 *     .build();                   // every other field is omitted, so it stays unchanged
 * }</pre>
 *
 * <p>Bodies must be written with {@link com.oursprivacy.patch.PatchJson#write}, which keeps the
 * explicit nulls a default {@code Gson} would drop.
 */
@NullMarked
package com.oursprivacy.patch;

import org.jspecify.annotations.NullMarked;
