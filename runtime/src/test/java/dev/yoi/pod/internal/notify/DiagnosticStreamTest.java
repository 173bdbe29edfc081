package dev.yoi.pod.internal.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.yoi.feature.Diagnostic;
import dev.yoi.feature.Severity;
import dev.yoi.pod.Alert;
import dev.yoi.pod.notify.Alerts;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DiagnosticStreamTest {
  static Diagnostic diagnostic(int n) {
    return new Diagnostic("yoi/tool-failed", Severity.ERROR, "user:x", "[yoi/tool-failed] " + n);
  }

  @Test
  void subscribersGetEachDiagnosticAsItIsPublishedUntilTheyUnsubscribe() {
    DiagnosticStream stream = new DiagnosticStream();
    List<Diagnostic> seen = new ArrayList<>();
    DiagnosticStream.Subscription subscription = stream.subscribe(seen::add);

    stream.publish(diagnostic(1));
    subscription.close();
    stream.publish(diagnostic(2));

    assertEquals(List.of(diagnostic(1)), seen);
    assertEquals(List.of(diagnostic(1), diagnostic(2)), stream.recent());
  }

  @Test
  void aThrowingSubscriberDoesNotStopTheOthers() {
    DiagnosticStream stream = new DiagnosticStream();
    List<Diagnostic> seen = new ArrayList<>();
    stream.subscribe(d -> {
      throw new IllegalStateException("broken subscriber");
    });
    stream.subscribe(seen::add);

    stream.publish(diagnostic(1));

    assertEquals(List.of(diagnostic(1)), seen);
  }

  @Test
  void onlyTheMostRecentAreRetained() {
    DiagnosticStream stream = new DiagnosticStream();
    for (int i = 0; i < DiagnosticStream.RETAINED + 5; i++) {
      stream.publish(diagnostic(i));
    }
    List<Diagnostic> recent = stream.recent();
    assertEquals(DiagnosticStream.RETAINED, recent.size());
    assertEquals(diagnostic(5), recent.get(0));
  }

  @Test
  void alertsAreAttributedToTheFeatureAndABrokenSinkLosesOnlyTheAlert() {
    List<Alert> shown = new ArrayList<>();
    new FeatureAlerts("builtin:task-reminders", shown::add).info("2 tasks are stale");
    new FeatureAlerts("builtin:task-reminders", alert -> {
      throw new IllegalStateException("terminal gone");
    }).warning("lost");

    assertEquals(List.of(new Alert("builtin:task-reminders", Alerts.Level.INFO, "2 tasks are stale")), shown);
  }
}
