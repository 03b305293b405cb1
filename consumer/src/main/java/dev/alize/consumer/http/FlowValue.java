package dev.alize.consumer.http;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.TYPE_USE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * A variable's value: a string in YAML flow style, or an integer or a boolean taken as its text the
 * way YAML would read it; never null. Checked by {@link BodyValidators}.
 */
@Retention(RUNTIME)
@Target({FIELD, METHOD, PARAMETER, TYPE_USE})
@Constraint(validatedBy = {})
@interface FlowValue {
  String message() default "must be a string in YAML flow style";

  Class<?>[] groups() default {};

  Class<? extends Payload>[] payload() default {};
}
