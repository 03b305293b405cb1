package dev.alize.common.yaml;

/** How YAML resolved a scalar: quoted scalars are always {@link #STRING}. */
public enum ScalarKind {
  STRING,
  INTEGER,
  FLOAT,
  BOOLEAN,
  NULL,
  TIMESTAMP
}
