package dev.yoi.descriptor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class DigestsTest {
  @Test
  void aDigestIsSha256OfTheCanonicalUtf8TextInLowercaseHex() throws Exception {
    FeatureDescriptor weather = Samples.weather();
    byte[] hash = MessageDigest.getInstance("SHA-256")
        .digest(CanonicalJson.write(weather).getBytes(StandardCharsets.UTF_8));

    String digest = Digests.of(weather);

    assertEquals("sha256:" + HexFormat.of().formatHex(hash), digest);
    assertTrue(digest.matches("sha256:[0-9a-f]{64}"), digest);
  }

  @Test
  void aKnownText() {
    assertEquals("sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a",
        Digests.ofCanonicalJson("{}"));
  }

  @Test
  void keyOrderInTheSourceTextDoesNotChangeTheDigest() {
    String one = CanonicalJson.write(CanonicalJson.parse("{\"a\":1,\"b\":{\"c\":2,\"d\":3}}"));
    String other = CanonicalJson.write(CanonicalJson.parse("{\"b\":{\"d\":3,\"c\":2},\"a\":1}"));

    assertEquals(Digests.ofCanonicalJson(one), Digests.ofCanonicalJson(other));
  }

  @Test
  void anyChangeToTheDescriptorChangesTheDigest() {
    assertNotEquals(Digests.of(Samples.weather("one")), Digests.of(Samples.weather("two")));
  }

  @Test
  void anIndexLineCarriesTheDigestOfItsDescriptor() {
    assertEquals(Digests.of(Samples.weather()), Samples.line(Samples.weather()).digest());
  }

  @Test
  void theAbbreviationKeepsTwelveHexDigits() {
    String digest = Digests.of(Samples.weather());

    assertEquals(digest.substring(0, "sha256:".length() + 12), Digests.abbreviate(digest));
    assertEquals("sha256:ab", Digests.abbreviate("sha256:ab"));
  }
}
