/**
 * The channels' rules, plain Java (issue 12; docs/channels.md): what a web chat conversation's
 * numbering and resume guarantee, how a provider's retried webhook delivery is recognised, how
 * WhatsApp Cloud API and Instagram messaging payloads become Ringstream's messages and statuses,
 * and when a reply may go out free-form. The Netty gateway and the webhook endpoints drive these.
 */
package io.ringstream.channels;
