package dev.alize.common.tuf;

/** One signature of a metadata file: the key id and the hex signature. */
public record SignatureEntry(String keyId, String sig) {}
