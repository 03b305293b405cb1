package dev.alize.consumer.report;

import dev.alize.consumer.store.UtcTimestamp;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.MappedProperty;
import io.micronaut.data.model.DataType;
import java.time.Instant;

/** A publisher this site enrolled with, for one repository, and the label it enrolled under. */
@MappedEntity(value = "report_enrolment", escape = false)
public record ReportEnrolment(
    @Id String repository,
    String url,
    String label,
    @MappedProperty(
            type = DataType.STRING,
            converter = UtcTimestamp.class,
            converterPersistedType = String.class)
        Instant enrolledAt) {}
