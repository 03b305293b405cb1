package dev.alize.consumer.persistence;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Runs a test once on each database the consumer supports: H2 and PostgreSQL 15.
 *
 * <p>A JUnit 5 parameterized test over {@link TestDatabases.Kind}; the test takes the kind as its
 * parameter and asks {@link TestDatabases#fresh} for a new database of that kind:
 *
 * <pre>{@code
 * @DatabaseKinds
 * void savesAnApproval(TestDatabases.Kind kind) {
 *   try (OpenDatabase opened = OpenDatabase.open(TestDatabases.fresh(kind))) {
 * Database db = opened.database();
 *     ...
 *   }
 * }
 * }</pre>
 *
 * <p>The runs are named {@code [H2]} and {@code [POSTGRES]}. The PostgreSQL run never skips: when
 * no PostgreSQL can be started or reached, it fails (see {@link TestDatabases}).
 */
@Documented
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@ParameterizedTest(name = "[{0}]")
@EnumSource(TestDatabases.Kind.class)
public @interface DatabaseKinds {}
