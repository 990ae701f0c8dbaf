package dev.factory.manifest;

import java.util.Set;
import java.util.regex.Pattern;

/** OCI platform strings ({@code os/arch[/variant]}) as buildx accepts them. */
public final class Platforms {
    private static final Pattern SHAPE = Pattern.compile("([a-z0-9]+)/([a-z0-9_]+)(/[a-z0-9]+)?");
    private static final Set<String> OS = Set.of("linux", "windows", "darwin", "freebsd");
    private static final Set<String> ARCH = Set.of("amd64", "arm64", "arm", "386", "ppc64le", "s390x", "riscv64",
            "mips64le");

    private Platforms() {}

    /** Null when valid, else the reason. */
    public static String problem(String platform) {
        var m = SHAPE.matcher(platform);
        if (!m.matches()) {
            return "'" + platform
                    + "' is not a platform of the form os/arch[/variant], such as linux/amd64 or linux/arm64";
        }
        if (!OS.contains(m.group(1))) {
            return "unknown operating system '" + m.group(1) + "' in '" + platform + "'" + Nearest.hint(m.group(1), OS);
        }
        if (!ARCH.contains(m.group(2))) {
            return "unknown architecture '" + m.group(2) + "' in '" + platform + "'" + Nearest.hint(m.group(2), ARCH)
                    + "; known: " + String.join(", ", new java.util.TreeSet<>(ARCH));
        }
        return null;
    }

    /** linux/arm64/v8 becomes linux-arm64-v8: safe in tags and file names. */
    public static String slug(String platform) {
        return platform.replace('/', '-');
    }
}
