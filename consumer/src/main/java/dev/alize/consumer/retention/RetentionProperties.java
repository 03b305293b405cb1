package dev.alize.consumer.retention;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * {@code alize.consumer.retention.*}: how long what {@code serve} prunes is kept. {@link
 * RetentionSettings#from} checks that each is longer than zero.
 *
 * @param syncHistory how long the history keeps rows of syncs
 * @param importHistory how long it keeps rows of imports and rollbacks
 * @param notifications how long delivered notifications stay in the outbox
 * @param archives how long a cached release archive is kept after it was downloaded, unless
 *     rollback needs it
 * @param pruneInterval how often {@code serve} prunes
 */
@ConfigurationProperties("alize.consumer.retention")
public record RetentionProperties(
    @Bindable(defaultValue = "90d") Duration syncHistory,
    @Bindable(defaultValue = "365d") Duration importHistory,
    @Bindable(defaultValue = "30d") Duration notifications,
    @Bindable(defaultValue = "30d") Duration archives,
    @Bindable(defaultValue = "6h") Duration pruneInterval) {}
