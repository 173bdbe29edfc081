package com.acme.meteo;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.yoi.feature.FeatureModule;
import dev.yoi.feature.InstallContext;
import dev.yoi.feature.annotation.AuthorityKind;
import dev.yoi.feature.annotation.Feature;
import dev.yoi.feature.annotation.RequiresAuthority;
import dev.yoi.feature.annotation.ToolContribution;
import dev.yoi.pod.tool.Tool;
import dev.yoi.pod.tool.ToolContext;
import dev.yoi.pod.tool.ToolResult;
import java.util.List;

/** Non-ASCII text and nested records: the digest must not depend on how either is written. */
@Feature(id = "meteo", name = "Météo ☀", description = "Prévisions — \"quoted\" \\ and tab\t")
@RequiresAuthority(value = AuthorityKind.NETWORK, reason = "Télécharge les prévisions")
public final class MeteoFeature implements FeatureModule {
  @Override
  public void install(InstallContext context) {
    context.tools().register(new Prevision());
  }

  @ToolContribution(name = "Prevision", description = "Prévision pour une ville 🌦",
      requires = AuthorityKind.NETWORK)
  public static final class Prevision implements Tool<Prevision.Demande> {
    public record Lieu(@JsonPropertyDescription("Ville, p. ex. Zürich") String ville, double lat, double lon) {}

    public record Demande(List<Lieu> lieux, int jours) {}

    @Override
    public ToolResult call(Demande input, ToolContext context) {
      return ToolResult.text("ok");
    }
  }
}
