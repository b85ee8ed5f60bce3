/**
 * The JSON API on the JDK's HTTP server: checks, incidents, acknowledge and silence (bearer token),
 * health, recent values for sparklines, and the Umpire-style {@code GET /check}; and the on-call
 * web page ({@code GET /}), plain HTML, JavaScript and CSS from {@code ui/} beside these classes
 * that polls the API.
 */
package dev.mosaic.stateengine.http;
