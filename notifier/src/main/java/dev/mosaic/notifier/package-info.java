/**
 * Stage 4 of the pipeline: the notifier consumes incident events, routes each paging event through
 * the routing tree of its routes file (on-call schedules resolved), and sends it at once, or
 * grouped, to webhooks and email, signed and with an idempotency key; unacknowledged incidents
 * escalate. An event's offset is committed only when every receiver is done with it or the state it
 * changed is in the compacted notifier-state topic, so pending notifications survive a restart.
 *
 * <pre>
 * state engine → &lt;prefix&gt;incidents → NotifierService → IncidentDispatcher → Outbox → receivers
 *                                                           ↕ StateJournal → &lt;prefix&gt;notifier-state
 * </pre>
 */
package dev.mosaic.notifier;
