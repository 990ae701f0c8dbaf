package dev.factory.maven;

import org.apache.maven.project.MavenProject;

/** Small facts read off the Maven project, shared by the goals. */
final class MavenFacts {
    private MavenFacts() {}

    /** The project's source URL: its SCM url, else its url. */
    static String sourceUrl(MavenProject project) {
        if (project.getScm() != null && project.getScm().getUrl() != null) {
            return project.getScm().getUrl();
        }
        return project.getUrl();
    }
}
