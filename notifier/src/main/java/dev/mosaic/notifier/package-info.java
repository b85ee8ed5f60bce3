/**
 * Stage 4 of the pipeline: the notifier consumes incident events, routes each paging event through
 * the routing tree of its routes file, and delivers it to webhooks, signed and with an idempotency
 * key; an event's offset is committed only when every receiver is done with it, so pending
 * notifications survive a restart.
 *
 * <pre>
 * state engine → &lt;prefix&gt;incidents → NotifierService → IncidentDispatcher → WebhookDeliverer → receivers
 * </pre>
 */
package dev.mosaic.notifier;
