package dev.yoi.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * Text a plugin or an MCP server controls is escaped, bounded and refused by one owner,
 * {@code dev.yoi.descriptor.ControlCharacters}: no other class decides which characters are
 * dangerous, so none classifies characters itself.
 */
@AnalyzeClasses(packages = "dev.yoi", importOptions = ImportOption.DoNotIncludeTests.class)
class OneEscapingRuleTest {
  static final String OWNER = "dev.yoi.descriptor.ControlCharacters";

  @ArchTest
  static final ArchRule onlyTheOwnerClassifiesControlAndFormatCharacters = noClasses()
      .that().doNotHaveFullyQualifiedName(OWNER)
      .should().callMethod(Character.class, "isISOControl", int.class)
      .orShould().callMethod(Character.class, "isISOControl", char.class)
      .orShould().callMethod(Character.class, "getType", int.class)
      .orShould().callMethod(Character.class, "getType", char.class)
      .because("which characters of a plugin's or a server's text are escaped or refused is decided by "
          + OWNER + " alone; call its escaped, refused, escape or quote instead");
}
