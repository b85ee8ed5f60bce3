package dev.mosaic.notifier.schedule;

import java.time.Instant;

/**
 * Who is on call at one instant, and for how long the answer holds.
 *
 * @param schedule the schedule's name
 * @param member the member on call; in a routes file, the name of a receiver
 * @param from when this member's turn began: the shift's or override's start, or the end of an
 *     override inside the shift
 * @param until when it ends, or when an override interrupts it, whichever is first
 * @param override whether an override, not the rotation, put the member on call
 */
public record OnCall(
    String schedule, String member, Instant from, Instant until, boolean override) {}
