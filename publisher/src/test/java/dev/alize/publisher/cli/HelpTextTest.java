package dev.alize.publisher.cli;

import dev.alize.common.cli.HelpTexts;
import org.junit.jupiter.api.Test;

/** Every command's help tells what each of its options and parameters is, in whole sentences. */
class HelpTextTest {

  @Test
  void everyOptionAndParameterIsDescribed() {
    HelpTexts.assertEveryArgumentDescribed(PublisherCli.commandLine());
  }

  @Test
  void everyCommandSummaryIsAWholeSentenceShownWhole() {
    HelpTexts.assertSummariesWhole(PublisherCli.commandLine());
  }

  @Test
  void eachCommandBuiltAloneAnswersAsInTheWholeTree() {
    HelpTexts.assertLazyTreeAlike(PublisherCli.commandLine(), PublisherCli::forArguments);
  }

  @Test
  void everyCommandsHelpFormatsWithoutAWarning() {
    HelpTexts.assertHelpFormats(PublisherCli.commandLine());
  }
}
