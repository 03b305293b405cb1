package dev.alize.publisher.repository;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Serialises changes to one repository: across processes with a file lock, and across threads of
 * this process with a lock per folder (a file lock cannot be taken twice by one process).
 */
final class RepositoryLock implements AutoCloseable {

  private static final ConcurrentHashMap<Path, ReentrantLock> LOCAL = new ConcurrentHashMap<>();

  private final ReentrantLock local;
  private final FileChannel channel;
  private final FileLock fileLock;

  private RepositoryLock(ReentrantLock local, FileChannel channel, FileLock fileLock) {
    this.local = local;
    this.channel = channel;
    this.fileLock = fileLock;
  }

  static RepositoryLock acquire(RepositoryLayout layout) {
    RepositoryState.requireRepository(layout);
    Path key;
    try {
      // The real path, so that two spellings of one folder share one lock.
      key = layout.root().toRealPath();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot resolve " + layout.root(), e);
    }
    ReentrantLock local = LOCAL.computeIfAbsent(key, k -> new ReentrantLock());
    local.lock();
    try {
      FileChannel channel =
          FileChannel.open(layout.lockFile(), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      return new RepositoryLock(local, channel, channel.lock());
    } catch (IOException e) {
      local.unlock();
      throw new UncheckedIOException("cannot lock " + layout.lockFile(), e);
    }
  }

  @Override
  public void close() {
    try {
      fileLock.release();
      channel.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      local.unlock();
    }
  }
}
