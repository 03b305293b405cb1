package dev.alize.consumer.store;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;

/**
 * One part of a child model as read: an override ({@code name} the variable, {@code setting} the
 * admin's text, {@code reconciled} the upstream value it replaced) or a service ({@code name} the
 * service, {@code setting} {@code add} or {@code remove}).
 */
@Introspected
record ChildPartRow(long childId, String name, String setting, @Nullable String reconciled) {}
