package dev.alize.consumer.config;

import dev.alize.common.release.Channel;
import dev.alize.common.release.RolloutMode;
import io.micronaut.context.annotation.EachProperty;
import io.micronaut.context.annotation.Parameter;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * {@code alize.consumer.repositories.NAME.*}, converted and constrained; {@link Subscriptions}
 * checks what spans several keys and the files named.
 *
 * @param trustedRoot a root.json file, relative to the configuration file's folder
 * @param tlsCertificate a PEM file, relative to the configuration file's folder
 * @param reports whether this site reports its state to the publisher
 * @param reportUrl where reports go; the repository's {@code url} when not given
 * @param unreachableWarning how long no mirror may go unanswered before the operator is warned
 */
@EachProperty("alize.consumer.repositories")
public record RepositoryProperties(
    @Parameter String name,
    @NotNull(message = "is required") URI url,
    @Nullable List<URI> mirrors,
    @NotBlank(message = "is required") String trustedRoot,
    @Nullable String tlsCertificate,
    @Bindable(defaultValue = "stable") Channel channel,
    @Nullable List<String> datasources,
    @Bindable(defaultValue = "minor") AutoApprove autoApprove,
    @Bindable(defaultValue = "15m") Duration pollInterval,
    @Bindable(defaultValue = "false") boolean allowPlainHttp,
    @Bindable(defaultValue = "phased") RolloutMode rollout,
    @Bindable(defaultValue = "false") boolean reports,
    @Nullable URI reportUrl,
    @Bindable(defaultValue = "3d") Duration unreachableWarning) {}
