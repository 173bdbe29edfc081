package dev.yoi.descriptor;

import static dev.yoi.descriptor.Identities.Namespace.FEATURE_ID;
import static dev.yoi.descriptor.Identities.Namespace.SERVICE_ID;
import static dev.yoi.descriptor.Identities.Namespace.TOOL_NAME;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.yoi.descriptor.Identities.Origin;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** One meaning of a name conflict, for the processor, yoi verify and the runtime. */
class IdentitiesTest {
  private static final Origin USER = Origin.source("user");
  private static final Origin PROJECT = Origin.source("project");
  private static final Origin HERE = Origin.thisCompilation();
  private static final Origin CLASS_PATH = Origin.classPath();

  @Test
  void userCacheAndProjectCacheAreTwoServicesAndTwoFeatures() {
    assertFalse(Identities.conflict(SERVICE_ID, USER, "cache", PROJECT, "cache"));
    assertFalse(Identities.conflict(FEATURE_ID, USER, "cache", PROJECT, "cache"));
    assertTrue(Identities.conflict(SERVICE_ID, PROJECT, "cache", PROJECT, "cache"));
    assertEquals("project:cache", Identities.key(SERVICE_ID, PROJECT, "cache").orElseThrow().shown());
  }

  @Test
  void aToolNameIsOneNameWhateverTheSource() {
    assertTrue(Identities.conflict(TOOL_NAME, USER, "Search", PROJECT, "Search"));
    assertTrue(Identities.conflict(TOOL_NAME, HERE, "Search", CLASS_PATH, "Search"));
    assertFalse(Identities.conflict(TOOL_NAME, USER, "Search", USER, "search"));
    assertEquals("Search", Identities.key(TOOL_NAME, USER, "Search").orElseThrow().shown());
  }

  @Test
  void declarationsCompiledTogetherShareASourceAndThoseOnTheClassPathMayNot() {
    assertTrue(Identities.conflict(SERVICE_ID, HERE, "cache", HERE, "cache"));
    assertTrue(Identities.conflict(FEATURE_ID, HERE, "cache", HERE, "cache"));
    // The build cannot know the source of a feature compiled elsewhere: no id conflict is claimed,
    // as user:cache beside project:cache is legal at run time.
    assertEquals(Optional.empty(), Identities.key(SERVICE_ID, CLASS_PATH, "cache"));
    assertFalse(Identities.conflict(SERVICE_ID, HERE, "cache", CLASS_PATH, "cache"));
    assertFalse(Identities.conflict(FEATURE_ID, CLASS_PATH, "cache", CLASS_PATH, "cache"));
  }

  @Test
  void aSourceIsBuiltinUserOrProject() {
    assertThrows(IllegalArgumentException.class, () -> Origin.source("plugin"));
    assertThrows(IllegalArgumentException.class, () -> Origin.source("PROJECT"));
  }
}
