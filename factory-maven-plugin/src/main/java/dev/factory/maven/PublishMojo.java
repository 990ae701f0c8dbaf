package dev.factory.maven;

import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;

/**
 * Pushes every variant to its registry: the bake of factory:bake with {@code factory.push=true}, joining
 * the platforms into multi-arch tags. The packaging {@code factory} runs it at deploy.
 */
@Mojo(name = "publish", defaultPhase = LifecyclePhase.DEPLOY, threadSafe = true)
public class PublishMojo extends BakeMojo {

    @Override
    protected String goal() {
        return "publish";
    }

    @Override
    protected boolean push() {
        return true;
    }
}
