package dev.alize.common.datasource;

/** The contents of {@code datasource.yaml}; optional fields are null when absent. */
public record DatasourceInfo(
    int format,
    String name,
    String title,
    String maintainer,
    String description,
    String homepage) {}
