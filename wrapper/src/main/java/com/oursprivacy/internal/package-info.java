/**
 * Internal, no compatibility guarantee: the shared HTTP stack ({@link
 * com.oursprivacy.internal.ClientCore}) that the platform facade and the ingest client build on.
 * Public only so that other packages of this SDK can reach it; do not use it from application code,
 * it may change in any release.
 */
package com.oursprivacy.internal;
