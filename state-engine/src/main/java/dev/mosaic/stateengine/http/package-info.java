/**
 * The JSON API on the JDK's HTTP server: checks, incidents, acknowledge and silence (bearer token),
 * health, and the Umpire-style {@code GET /check}.
 */
package dev.mosaic.stateengine.http;
