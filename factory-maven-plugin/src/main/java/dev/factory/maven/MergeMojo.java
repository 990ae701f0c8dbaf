package dev.factory.maven;

import dev.factory.bake.Merger;
import javax.inject.Inject;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * Joins the per-platform images that per-architecture CI jobs pushed ({@code repo:tag-linux-amd64},
 * {@code repo:tag-linux-arm64}) into the multi-arch tags ({@code repo:tag}). Runs in a last job after
 * {@code factory:stitch}; reads only builds.json and the registry, and needs no Docker engine.
 */
@Mojo(name = "merge", threadSafe = true)
public class MergeMojo extends AbstractFactoryMojo {

    @Inject
    public MergeMojo(SettingsDecrypter settingsDecrypter) {
        super(settingsDecrypter);
    }

    @Override
    protected void run() {
        // through Factory's registry client: settings.xml credentials, proxies and insecure registries apply
        Merger.merge(registries(), outputDirectory.toPath(), manifestId, getLog()::info);
    }
}
