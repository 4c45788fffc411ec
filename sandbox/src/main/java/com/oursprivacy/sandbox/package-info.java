/** An embedded, stateful stand-in for the Ours Privacy APIs. */
package com.oursprivacy.sandbox;
