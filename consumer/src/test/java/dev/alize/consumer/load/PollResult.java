package dev.alize.consumer.load;

import java.util.List;

/**
 * What a {@link PollLoad} gave.
 *
 * @param seconds from the first poll to the end of the last
 * @param polls polls whose two answers were the expected ones
 * @param requests answers received, expected or not
 * @param connections connections opened, each with its TLS handshake
 * @param errorCount requests that failed: an unexpected answer, a connection refused, reset or
 *     closed before the answer, no answer within the consumer's response timeout
 * @param errors the first of those failures, in words
 * @param pollersThatPolled consumers that made at least one poll with the expected answers
 * @param p50Ms the median time from a request's sending to its whole answer, in milliseconds, of
 *     the requests sent after the warm-up
 * @param p99Ms the 99th percentile of that time
 * @param maxMs the longest
 * @param handshakeMs the median time to connect and complete a TLS handshake
 */
public record PollResult(
    double seconds,
    long polls,
    long requests,
    long connections,
    long errorCount,
    List<String> errors,
    int pollersThatPolled,
    double p50Ms,
    double p99Ms,
    double maxMs,
    double handshakeMs) {}
