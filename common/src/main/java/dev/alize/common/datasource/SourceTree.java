package dev.alize.common.datasource;

import dev.alize.common.error.Problem;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/** The files of a datasource, wherever they are: a directory, an archive, memory. */
public interface SourceTree {

  /** Paths relative to the datasource's root, with '/' separators, sorted. */
  List<String> files();

  /** What is wrong with the tree itself (links, special files), found while listing it. */
  List<Problem> listingProblems();

  /** The path to print for a file in messages, as the user named the tree. */
  String shown(String path);

  /** The file's size in bytes, when known before reading it; -1 otherwise. */
  long size(String path) throws IOException;

  InputStream open(String path) throws IOException;
}
