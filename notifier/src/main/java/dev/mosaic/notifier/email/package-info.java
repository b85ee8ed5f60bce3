/**
 * Email receivers: plain-text messages over SMTP (optionally STARTTLS and AUTH) with Jakarta Mail,
 * retried with the same backoff as webhooks.
 *
 * <pre>
 * IncidentEvent | group → EmailComposer → EmailMessage → SmtpEmailSender → SMTP server
 * </pre>
 */
package dev.mosaic.notifier.email;
