package dev.alize.common.datasource;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A datasource whose one file is anything loads or lists its problems, never an exception: the
 * reader, the parser and the linker together, as the publisher's validate and the consumer's import
 * run them.
 */
class DatasourceLoaderFuzzTest {

  private static final List<String> FILES =
      List.of("datasource.yaml", "services/dns.yaml", "servermodels/1.0/base.yaml");

  @FuzzTest(maxDuration = "2m")
  void load(FuzzedDataProvider data) {
    String replaced = data.pickValue(FILES);
    Map<String, byte[]> files = new LinkedHashMap<>();
    DemoDatasource.FILES.forEach(
        (path, text) -> files.put(path, text.getBytes(StandardCharsets.UTF_8)));
    files.put(replaced, data.consumeRemainingAsBytes());
    new DatasourceLoader().load(new MemorySourceTree("fuzz", files));
  }
}
