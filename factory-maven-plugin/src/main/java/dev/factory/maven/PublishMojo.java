package dev.factory.maven;

import javax.inject.Inject;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * Pushes every variant to its registry: the bake of factory:bake with {@code factory.push=true}, joining
 * the platforms into multi-arch tags. The packaging {@code factory} runs it at deploy.
 */
@Mojo(name = "publish", defaultPhase = LifecyclePhase.DEPLOY, threadSafe = true)
public class PublishMojo extends BakeMojo {

    @Inject
    public PublishMojo(SettingsDecrypter settingsDecrypter) {
        super(settingsDecrypter);
    }

    /** publish has no skip flag of its own: factory.bake.skip skips it too. */
    @Override
    protected String skipFlag() {
        return "factory.bake.skip";
    }

    @Override
    protected boolean push() {
        return true;
    }
}
