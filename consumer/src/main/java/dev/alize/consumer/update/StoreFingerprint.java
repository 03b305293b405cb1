package dev.alize.consumer.update;

import java.nio.file.attribute.FileTime;
import java.util.Map;

/**
 * The files of a {@link MetadataStore} as they are at one moment: each one's size, modification
 * time and file key (the inode, where the system has one). Every write of the store replaces a file
 * by a rename, which gives it a new key, so equal fingerprints mean that no file was written, added
 * or removed in between, by this process or another.
 */
public record StoreFingerprint(Map<String, Stamp> files) {

  /** One file's attributes. */
  public record Stamp(long size, FileTime modified, Object key) {}
}
