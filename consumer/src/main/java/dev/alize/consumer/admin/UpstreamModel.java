package dev.alize.consumer.admin;

import dev.alize.common.conflict.ModelRef;
import dev.alize.common.datasource.EffectiveModel;

/** An upstream model as admins read it, with whether upstream withdrew it. */
public record UpstreamModel(ModelRef ref, EffectiveModel model, boolean withdrawn) {}
