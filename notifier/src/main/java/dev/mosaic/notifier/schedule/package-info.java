/**
 * On-call schedules: a rotation of members handing off at a local time in a time zone, and
 * overrides for a range of time; pure {@code java.time}, no I/O.
 *
 * <pre>
 * routes file (schedules:) → Schedule.onCallAt(instant) → OnCall → receiver name
 * </pre>
 */
package dev.mosaic.notifier.schedule;
