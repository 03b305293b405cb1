package dev.alize.publisher.cli;

import dev.alize.common.tls.TlsException;
import dev.alize.common.tls.TlsName;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** The names and addresses a generated TLS certificate is made for, checked as they are read. */
final class TlsNameOptions {

  @Option(
      names = "--tls-name",
      paramLabel = "NAME",
      converter = Converter.class,
      description =
          "A DNS name or IP address clients use to reach the server, for the generated TLS"
              + " certificate (repeat for more; default: localhost and 127.0.0.1).")
  List<TlsName> names = new ArrayList<>();

  /** The names given, each once, in their order; empty when none was given. */
  List<TlsName> given() {
    return List.copyOf(new LinkedHashSet<>(names));
  }

  static final class Converter implements ITypeConverter<TlsName> {
    @Override
    public TlsName convert(String value) {
      try {
        return TlsName.parse(value);
      } catch (TlsException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }
}
