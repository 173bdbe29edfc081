package dev.yoi.processor.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.yoi.descriptor.HookPoint;
import dev.yoi.pod.hook.PreRequestHook;
import dev.yoi.pod.hook.PreToolCallHook;
import dev.yoi.pod.hook.ToolResultHook;
import dev.yoi.pod.hook.TurnEndHook;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@link HookPoint} names its hook interfaces as strings, because the descriptor module depends on
 * nothing of ours but the annotations. The api interfaces own those names; this checks the copy.
 */
class AuthorTypeNamesTest {
  @Test
  void eachHookPointNamesTheApiInterfaceOfItsPoint() {
    Map<HookPoint, Class<?>> expected = Map.of(
        HookPoint.PRE_REQUEST, PreRequestHook.class,
        HookPoint.PRE_TOOL_CALL, PreToolCallHook.class,
        HookPoint.TOOL_RESULT, ToolResultHook.class,
        HookPoint.TURN_END, TurnEndHook.class);
    assertEquals(Set.of(HookPoint.values()), expected.keySet());
    expected.forEach((point, type) -> assertEquals(type.getCanonicalName(), point.hookInterface(), point.name()));
  }

  @Test
  void theProcessorKnowsTheSameHookInterfacesAsTheDescriptor() {
    assertEquals(Arrays.stream(HookPoint.values()).map(HookPoint::hookInterface).toList(), AuthorTypes.HOOKS);
  }
}
