package dev.mosaic.stateengine.check;

/**
 * A bound a series crosses to enter a state, and the bound it must come back over to leave it.
 *
 * @param trigger entered when the value is strictly beyond it
 * @param recovery left when the value is back at or inside it; equal to {@code trigger} without
 *     hysteresis
 */
public record Threshold(double trigger, double recovery) {}
