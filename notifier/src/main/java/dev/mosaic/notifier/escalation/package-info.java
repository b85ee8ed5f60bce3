/**
 * Escalation policies: an incident that nobody acknowledges within a level's time is sent to the
 * next level's receivers, until it is acknowledged, silenced or resolved. Pure: times come from the
 * caller's clock.
 *
 * <pre>
 * IncidentDispatcher → EscalationTimers.start / stop → takeDue(now) → next level's receivers
 * </pre>
 */
package dev.mosaic.notifier.escalation;
