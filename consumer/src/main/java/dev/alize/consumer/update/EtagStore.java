package dev.alize.consumer.update;

import java.util.Optional;

/** Where entity tags of fetched files are kept, so that an unchanged poll costs one 304. */
public interface EtagStore {

  Optional<String> find(String url);

  /** Keeps {@code etag} for {@code url}; a null tag forgets it. */
  void put(String url, String etag);

  /** A store that keeps nothing: every request is unconditional. */
  EtagStore NONE =
      new EtagStore() {
        @Override
        public Optional<String> find(String url) {
          return Optional.empty();
        }

        @Override
        public void put(String url, String etag) {}
      };
}
