package dev.factory.record;

import dev.factory.io.Text;
import java.util.Map;

/**
 * Which CI service runs the build, read from the variables each one sets: GitHub Actions, GitLab CI,
 * Jenkins, and any other that sets {@code CI=true} (provider {@code ci}, no run id or url).
 */
public final class CiEnvironment {
    private final Map<String, String> env;

    public CiEnvironment(Map<String, String> env) {
        this.env = env;
    }

    /** The record's {@code ci}, or null outside CI. */
    public CompatibilityRecord.Ci describe() {
        if ("true".equals(get("GITHUB_ACTIONS"))) {
            String runId = get("GITHUB_RUN_ID");
            String url = null;
            String server = get("GITHUB_SERVER_URL");
            String repository = get("GITHUB_REPOSITORY");
            if (runId != null && server != null && repository != null) {
                url = server + "/" + repository + "/actions/runs/" + runId;
                String attempt = get("GITHUB_RUN_ATTEMPT");
                if (attempt != null && !attempt.equals("1")) {
                    url += "/attempts/" + attempt;
                }
            }
            return new CompatibilityRecord.Ci("github-actions", runId, url);
        }
        if (get("GITLAB_CI") != null) {
            return new CompatibilityRecord.Ci("gitlab", get("CI_PIPELINE_ID"), first("CI_JOB_URL", "CI_PIPELINE_URL"));
        }
        if (get("JENKINS_URL") != null) {
            return new CompatibilityRecord.Ci("jenkins", get("BUILD_ID"), get("BUILD_URL"));
        }
        if ("true".equalsIgnoreCase(get("CI"))) {
            return new CompatibilityRecord.Ci("ci", null, null);
        }
        return null;
    }

    /** Whether the build runs in GitHub Actions (for workflow commands). */
    public boolean githubActions() {
        return "true".equals(get("GITHUB_ACTIONS"));
    }

    /** GitHub's commit when git itself cannot tell (a checkout without .git). */
    public String commit() {
        return first("GITHUB_SHA", "CI_COMMIT_SHA", "GIT_COMMIT");
    }

    private String first(String... names) {
        for (String n : names) {
            String v = get(n);
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    public String get(String name) {
        String v = env.get(name);
        return Text.blankToNull(v);
    }
}
