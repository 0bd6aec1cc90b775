/**
 * The channels' rules, plain Java (issue 12; docs/channels.md): what a web chat conversation's
 * numbering and resume guarantee, how a provider's retried webhook delivery is recognised, how
 * WhatsApp Cloud API and Instagram messaging payloads become Ringstream's messages and statuses,
 * when a reply may go out free-form, and how messages, statuses and senders become events and
 * customer identities ({@link io.ringstream.channels.ChannelEvents}). The Netty gateway and the
 * webhook endpoints drive these.
 */
package io.ringstream.channels;
